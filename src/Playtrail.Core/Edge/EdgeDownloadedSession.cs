using System.Globalization;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Edge;

/// <summary>
/// A <c>media.downloaded</c> event translated into the downloaded Media Collection session it stands
/// for: a JSON array of events, <c>sessionStart</c> first.
/// </summary>
public sealed class EdgeDownloadedSession
{
    private readonly string _eventsPointer;

    internal EdgeDownloadedSession(IReadOnlyList<EdgeEvent> events, string eventsPointer)
    {
        Events = events;
        _eventsPointer = eventsPointer;
        var length = 2 + events.Count;
        foreach (var edgeEvent in events)
        {
            length += edgeEvent.Json.Length;
        }

        var json = new byte[length];
        var at = 0;
        json[at++] = (byte)'[';
        for (var i = 0; i < events.Count; i++)
        {
            if (i > 0)
            {
                json[at++] = (byte)',';
            }

            events[i].Json.Span.CopyTo(json.AsSpan(at));
            at += events[i].Json.Length;
        }

        json[at++] = (byte)']';
        Json = json.AsMemory(0, at);
    }

    /// <summary>The translated events, in the order of <c>mediaDownloadedEvents</c>.</summary>
    public IReadOnlyList<EdgeEvent> Events { get; }

    /// <summary>The translated session: a JSON array as <c>POST /api/v1/downloaded</c> takes it.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>
    /// Runs the translated session through the Media Collection validator with the rules of
    /// <c>/api/v1/downloaded</c>; failures go to <paramref name="errors"/> with pointers into the Edge request.
    /// </summary>
    public bool Validate(List<ParsedEvent> events, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var found = new ErrorCollector(errors.Capacity);
        var valid = PayloadValidator.Validate(Json.Span, IngestionRoute.Downloaded, events, found).IsValid;
        foreach (var error in found.Errors)
        {
            errors.Add(ToEdge(error.Pointer), error.Rule, error.Message);
        }

        return valid;
    }

    /// <summary>Maps a pointer into <see cref="Json"/> (element index first) to the XDM field it came from.</summary>
    public string ToEdge(string translatedPointer)
    {
        ArgumentNullException.ThrowIfNull(translatedPointer);
        if (translatedPointer.Length < 2)
        {
            return _eventsPointer;
        }

        var end = translatedPointer.IndexOf('/', 1);
        var token = end < 0 ? translatedPointer[1..] : translatedPointer[1..end];
        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= Events.Count)
        {
            return _eventsPointer;
        }

        var rest = end < 0 ? "" : translatedPointer[end..];
        var pointers = Events[index].Pointers;
        return rest.Length == 0 ? pointers.XdmPointer : pointers.ToEdge(rest);
    }
}
