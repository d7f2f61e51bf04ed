namespace Playtrail.Client.Tracking;

/// <summary>
/// Shortens string values to the server's longest accepted string (<c>Ingestion:MaxStringLength</c>, see
/// docs/api.md): one value over it makes the server refuse the event, and a downloaded session then becomes a dead
/// letter. Length is counted as the server counts it, in Unicode characters (a surrogate pair is one), and a cut never
/// splits a pair.
/// </summary>
internal static class StringLimit
{
    /// <summary>Shortens every string value in <paramref name="parameters"/> in place; returns how many it shortened.</summary>
    public static int Apply(EventParams? parameters, int maxLength)
    {
        if (parameters is null)
        {
            return 0;
        }

        var shortened = 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].Value is string text && Shorten(text, maxLength) is { } cut)
            {
                parameters[i] = new KeyValuePair<string, object>(parameters[i].Key, cut);
                shortened++;
            }
        }

        return shortened;
    }

    /// <summary>
    /// The metadata itself when every value fits (the usual case, no copy); otherwise a copy with the long values
    /// shortened, and their number in <paramref name="shortened"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Apply(IReadOnlyDictionary<string, string>? metadata, int maxLength, out int shortened)
    {
        shortened = 0;
        if (metadata is null)
        {
            return null;
        }

        Dictionary<string, string>? copy = null;
        foreach (var pair in metadata)
        {
            if (Shorten(pair.Value, maxLength) is { } cut)
            {
                copy ??= new Dictionary<string, string>(metadata.Count, StringComparer.Ordinal);
                copy[pair.Key] = cut;
                shortened++;
            }
        }

        if (copy is null)
        {
            return metadata;
        }

        foreach (var pair in metadata)
        {
            if (!copy.ContainsKey(pair.Key))
            {
                copy[pair.Key] = pair.Value;
            }
        }

        return copy;
    }

    /// <summary>True when <paramref name="text"/> holds more than <paramref name="maxLength"/> characters.</summary>
    public static bool IsTooLong(string text, int maxLength) => CutAt(text, maxLength) < text.Length;

    /// <summary>The first <paramref name="maxLength"/> characters of <paramref name="text"/>, or null when it is not longer.</summary>
    public static string? Shorten(string text, int maxLength)
    {
        var end = CutAt(text, maxLength);
        return end < text.Length ? text.Substring(0, end) : null;
    }

    /// <summary>The UTF-16 index after the first <paramref name="maxLength"/> characters (the whole length when shorter).</summary>
    private static int CutAt(string text, int maxLength)
    {
        // Fewer UTF-16 units than the limit means fewer characters too: the common case costs one comparison.
        if (text.Length <= maxLength)
        {
            return text.Length;
        }

        var index = 0;
        for (var characters = 0; characters < maxLength && index < text.Length; characters++)
        {
            index += char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
        }

        return index;
    }
}
