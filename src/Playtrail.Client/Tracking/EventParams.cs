namespace Playtrail.Client.Tracking;

/// <summary>An ordered list of wire keys and values (string, bool, int, long or double) for <c>params</c> or <c>qoeData</c>.</summary>
internal sealed class EventParams : List<KeyValuePair<string, object>>
{
    public EventParams Add(string key, object? value)
    {
        if (value is not null)
        {
            Add(new KeyValuePair<string, object>(key, value));
        }

        return this;
    }
}
