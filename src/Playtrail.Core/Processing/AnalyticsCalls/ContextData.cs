namespace Playtrail.Core.Processing;

/// <summary>
/// Builds one call's context data. Keys are unique: setting a key again replaces its value in place, which is how a
/// custom metadata key such as <c>a.media.channel</c> overwrites the standard one
/// (docs/reference/media-collection-api.md#custom-metadata). Absent values and false flags are left out, as analytics
/// counts an event flag by its presence.
/// </summary>
internal sealed class ContextData
{
    private readonly List<KeyValuePair<string, ContextValue>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, ContextValue>> Pairs => _pairs;

    public ContextData Set(string key, ContextValue value)
    {
        for (var i = 0; i < _pairs.Count; i++)
        {
            if (_pairs[i].Key == key)
            {
                _pairs[i] = new(key, value);
                return this;
            }
        }

        _pairs.Add(new(key, value));
        return this;
    }

    public ContextData Set(string key, string? value) => value is null ? this : Set(key, ContextValue.Of(value));

    public ContextData Set(string key, double? value) => value is { } number ? Set(key, ContextValue.Of(number)) : this;

    /// <summary>Sets <paramref name="key"/> to true when <paramref name="value"/> is; a false flag is not sent.</summary>
    public ContextData Flag(string key, bool value) => value ? Set(key, ContextValue.Of(true)) : this;

    public ContextData SetAll(IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        if (pairs is Utf8Metadata metadata)
        {
            foreach (var (key, value) in metadata.Utf8Pairs)
            {
                Set(key, ContextValue.OfUtf8(value));
            }

            return this;
        }

        foreach (var pair in pairs)
        {
            Set(pair.Key, pair.Value);
        }

        return this;
    }
}
