using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Playtrail.Core.Processing;

/// <summary>
/// Custom metadata as the processor holds it: keys as strings, values as UTF-8, most of them slices of the events'
/// own JSON. A session may repeat large values on every chapter or ad (docs/benchmarks.md, "Memory of one maximal
/// upload"), and as .NET strings they cost twice the bytes of the upload they came from; the report and calls writers
/// copy the bytes straight out. Read as string pairs (the public <c>CustomMetadata</c> properties), each value is
/// decoded when it is asked for.
/// </summary>
internal sealed class Utf8Metadata : IReadOnlyList<KeyValuePair<string, string>>
{
    public static Utf8Metadata Empty { get; } = new([]);

    private readonly List<KeyValuePair<string, ReadOnlyMemory<byte>>> _pairs;

    private Utf8Metadata(List<KeyValuePair<string, ReadOnlyMemory<byte>>> pairs) => _pairs = pairs;

    /// <summary>The pairs with their values as unescaped UTF-8.</summary>
    public IReadOnlyList<KeyValuePair<string, ReadOnlyMemory<byte>>> Utf8Pairs => _pairs;

    public int Count => _pairs.Count;

    public KeyValuePair<string, string> this[int index] => new(_pairs[index].Key, Encoding.UTF8.GetString(_pairs[index].Value.Span));

    /// <summary>
    /// Reads the section object the reader is on (its <c>StartObject</c>, the reader walking <paramref name="json"/>) as
    /// string pairs; other values are skipped. A value written without escapes stays a slice of <paramref name="json"/>;
    /// an escaped one is unescaped into its own array. Text that is not valid UTF-8 throws a <see cref="JsonException"/>,
    /// so the event is unreadable, as when <see cref="Utf8JsonReader.GetString"/> refused it.
    /// </summary>
    public static Utf8Metadata Read(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        var pairs = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>();
        while (EventJson.NextProperty(ref reader))
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
                continue;
            }

            pairs.Add(new(key, Value(ref reader, json)));
        }

        return new Utf8Metadata(pairs);
    }

    /// <summary>String pairs as UTF-8 metadata (the default, empty lists of the public records, or a caller's own).</summary>
    public static Utf8Metadata From(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs is Utf8Metadata metadata)
        {
            return metadata;
        }

        var converted = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>(pairs.Count);
        foreach (var (key, value) in pairs)
        {
            converted.Add(new(key, Encoding.UTF8.GetBytes(value)));
        }

        return new Utf8Metadata(converted);
    }

    /// <summary>
    /// The session's metadata with a chapter's or ad's own: the session's keys in their order, each taking the own
    /// value when the own metadata has the key, then the own keys the session lacks.
    /// </summary>
    public static Utf8Metadata Merge(Utf8Metadata session, Utf8Metadata own)
    {
        if (own.Count == 0)
        {
            return session;
        }

        var merged = new List<KeyValuePair<string, ReadOnlyMemory<byte>>>(session.Count + own.Count);
        foreach (var pair in session._pairs)
        {
            var mine = IndexOf(own._pairs, pair.Key, own._pairs.Count);
            merged.Add(mine >= 0 ? own._pairs[mine] : pair);
        }

        foreach (var pair in own._pairs)
        {
            if (IndexOf(merged, pair.Key, merged.Count) < 0)
            {
                merged.Add(pair);
            }
        }

        return new Utf8Metadata(merged);
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static ReadOnlyMemory<byte> Value(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        if (reader.HasValueSequence)
        {
            // Never for an event held in one piece; kept correct regardless.
            var text = Encoding.UTF8.GetBytes(reader.GetString()!);
            return text;
        }

        if (reader.ValueIsEscaped)
        {
            var unescaped = new byte[reader.ValueSpan.Length];
            var written = reader.CopyString(unescaped);
            return unescaped.AsMemory(0, written);
        }

        // The token starts at its opening quote.
        var value = json.Slice((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length);
        if (!Utf8.IsValid(value.Span))
        {
            throw new JsonException("A custom metadata value is not valid UTF-8.");
        }

        return value;
    }

    private static int IndexOf(List<KeyValuePair<string, ReadOnlyMemory<byte>>> pairs, string key, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (pairs[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}
