namespace Playtrail.Core.Processing;

/// <summary>
/// Merges the session's custom metadata with an ad's or a chapter's (both go on the ad and chapter close calls:
/// docs/reference/media-collection-api.md#custom-metadata); on a shared key the ad's or chapter's own value wins, being
/// the more specific.
/// </summary>
internal static class MetadataMerge
{
    public static IReadOnlyList<KeyValuePair<string, string>> Merge(
        IReadOnlyList<KeyValuePair<string, string>> session, List<KeyValuePair<string, string>> own)
    {
        if (own.Count == 0)
        {
            return session;
        }

        var merged = new List<KeyValuePair<string, string>>(session.Count + own.Count);
        foreach (var pair in session)
        {
            var mine = own.FindIndex(o => o.Key == pair.Key);
            merged.Add(mine >= 0 ? own[mine] : pair);
        }

        foreach (var pair in own)
        {
            if (!merged.Exists(m => m.Key == pair.Key))
            {
                merged.Add(pair);
            }
        }

        return merged;
    }
}
