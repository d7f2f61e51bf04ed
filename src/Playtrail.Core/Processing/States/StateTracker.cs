using System.Text;
using System.Text.Json;
using Playtrail.Core.Events;
using Playtrail.Core.Processing.Timeline;

namespace Playtrail.Core.Processing;

/// <summary>
/// Player states (docs/reference/media-collection-api.md#player-states,
/// docs/reference/media-collection-api.md#state-metrics; docs/decisions/0014-ads-chapters-states.md): at most
/// <see cref="MaximumStates"/> distinct names per session, compared case-insensitively and reported lower-cased. Names
/// are compared as UTF-8 bytes in a reused buffer, so state events allocate nothing once a state is known.
/// </summary>
internal sealed class StateTracker
{
    /// <summary>The most distinct states a session keeps; ended and active states both count.</summary>
    public const int MaximumStates = 10;

    private readonly List<StateSlot> _slots = [];
    private readonly List<Range> _ends = [];
    private readonly List<Range> _starts = [];
    private byte[] _names = new byte[256];
    private int _used;

    /// <summary>Told when states start and end, when a timeline is being recorded.</summary>
    public TimelineRecorder? Recorder { get; set; }

    public void Reset() => _slots.Clear();

    /// <summary>Applies a <c>stateStart</c>, <c>stateEnd</c> or <c>statesUpdate</c> (ends first, then starts) at <paramref name="ts"/>.</summary>
    public void Apply(ReadOnlySpan<byte> json, EventType type, long ts, int index, List<IgnoredEvent> ignored)
    {
        _ends.Clear();
        _starts.Clear();
        _used = 0;
        ReadNames(json, type);
        foreach (var range in _ends)
        {
            if (Find(_names.AsSpan(range)) is not { Active: true } slot)
            {
                ignored.Add(new IgnoredEvent(index, IgnoreReasons.StateNotStarted));
                continue;
            }

            slot.Active = false;
            slot.Milliseconds += ts - slot.StartTs;
            Recorder?.PlayerStateEnded(slot.Name);
        }

        foreach (var range in _starts)
        {
            if (Start(_names.AsSpan(range), ts) is { } reason)
            {
                ignored.Add(new IgnoredEvent(index, reason));
            }
        }
    }

    /// <summary>The states, each active one counted up to <paramref name="closeTs"/>.</summary>
    public List<StateMetrics> Build(long closeTs) =>
        _slots.ConvertAll(slot => new StateMetrics(slot.Name, true, slot.Count,
            Seconds.Of(slot.Milliseconds + (slot.Active ? closeTs - slot.StartTs : 0))));

    private string? Start(ReadOnlySpan<byte> name, long ts)
    {
        var slot = Find(name);
        if (slot is null)
        {
            if (_slots.Count >= MaximumStates)
            {
                return IgnoreReasons.StateLimit;
            }

            slot = new StateSlot(Encoding.UTF8.GetString(name), name.ToArray());
            _slots.Add(slot);
        }
        else if (slot.Active)
        {
            return IgnoreReasons.StateAlreadyStarted;
        }

        slot.Active = true;
        slot.StartTs = ts;
        slot.Count++;
        Recorder?.PlayerStateStarted(slot.Name);
        return null;
    }

    private StateSlot? Find(ReadOnlySpan<byte> name)
    {
        foreach (var slot in _slots)
        {
            if (name.SequenceEqual(slot.Utf8Name))
            {
                return slot;
            }
        }

        return null;
    }

    private void ReadNames(ReadOnlySpan<byte> json, EventType type)
    {
        var reader = new Utf8JsonReader(json);
        if (!EventJson.Begin(ref reader))
        {
            return;
        }

        while (EventJson.NextSection(ref reader, out var section))
        {
            if (section != EventSection.Params)
            {
                reader.Skip();
                continue;
            }

            while (EventJson.NextProperty(ref reader))
            {
                if (type != EventType.StatesUpdate && reader.ValueTextEquals("media.state.name"u8))
                {
                    reader.Read();
                    AddName(ref reader, type == EventType.StateStart ? _starts : _ends);
                }
                else if (type == EventType.StatesUpdate && reader.ValueTextEquals("statesStart"u8))
                {
                    ReadList(ref reader, _starts);
                }
                else if (type == EventType.StatesUpdate && reader.ValueTextEquals("statesEnd"u8))
                {
                    ReadList(ref reader, _ends);
                }
                else
                {
                    EventJson.Skip(ref reader);
                }
            }
        }
    }

    private void ReadList(ref Utf8JsonReader reader, List<Range> names)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            while (EventJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("media.state.name"u8))
                {
                    reader.Read();
                    AddName(ref reader, names);
                }
                else
                {
                    EventJson.Skip(ref reader);
                }
            }
        }
    }

    /// <summary>Copies the string the reader is on, unescaped and ASCII-lower-cased, into the name buffer.</summary>
    private void AddName(ref Utf8JsonReader reader, List<Range> names)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        // An escaped value is never shorter than its unescaped text, so its length bounds the copy.
        var needed = _used + reader.ValueSpan.Length;
        if (needed > _names.Length)
        {
            Array.Resize(ref _names, Math.Max(needed, _names.Length * 2));
        }

        var target = _names.AsSpan(_used);
        var written = reader.ValueIsEscaped ? reader.CopyString(target) : Copy(reader.ValueSpan, target);
        foreach (ref var b in target[..written])
        {
            if (b is >= (byte)'A' and <= (byte)'Z')
            {
                b += 'a' - 'A';
            }
        }

        names.Add(new Range(_used, _used + written));
        _used += written;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> target)
    {
        source.CopyTo(target);
        return source.Length;
    }
}
