using System.Text;

namespace Playtrail.Core.Processing;

/// <summary>
/// The standard content metadata params of <c>sessionStart</c> and their analytics keys
/// (docs/reference/media-collection-api.md#standard-metadata): the one list of them, which the validator's
/// <see cref="Validation.EventRules"/> accepts, the processor reports and the analytics calls carry.
/// </summary>
internal static class StandardMetadata
{
    /// <summary>One standard metadata param.</summary>
    /// <param name="Param">The param key, e.g. <c>media.firstAirDate</c>.</param>
    /// <param name="ContextKey">The analytics context-data key, e.g. <c>a.media.airDate</c>.</param>
    internal sealed record Key(string Param, string ContextKey)
    {
        /// <summary>The param key as UTF-8, compared against the reader's bytes.</summary>
        public byte[] Utf8Param { get; } = Encoding.UTF8.GetBytes(Param);

        /// <summary>The name in the report's <c>media.metadata</c>: the param without <c>media.</c>.</summary>
        public string Name { get; } = Param["media.".Length..];
    }

    public static IReadOnlyList<Key> Keys { get; } =
    [
        new("media.streamFormat", "a.media.format"),
        new("media.show", "a.media.show"),
        new("media.season", "a.media.season"),
        new("media.episode", "a.media.episode"),
        new("media.assetId", "a.media.asset"),
        new("media.genre", "a.media.genre"),
        new("media.firstAirDate", "a.media.airDate"),
        new("media.firstDigitalDate", "a.media.digitalDate"),
        new("media.rating", "a.media.rating"),
        new("media.originator", "a.media.originator"),
        new("media.network", "a.media.network"),
        new("media.showType", "a.media.type"),
        new("media.adLoad", "a.media.adLoad"),
        new("media.pass.mvpd", "a.media.pass.mvpd"),
        new("media.pass.auth", "a.media.pass.auth"),
        new("media.dayPart", "a.media.dayPart"),
        new("media.feed", "a.media.feed"),
        new("media.artist", "a.media.artist"),
        new("media.album", "a.media.album"),
        new("media.label", "a.media.label"),
        new("media.author", "a.media.author"),
        new("media.station", "a.media.station"),
        new("media.publisher", "a.media.publisher"),
    ];

    /// <summary>The analytics key of the metadata named <paramref name="name"/> (as in <see cref="MediaInfo.Metadata"/>), or null.</summary>
    public static string? ContextKeyOf(string name)
    {
        foreach (var key in Keys)
        {
            if (key.Name == name)
            {
                return key.ContextKey;
            }
        }

        return null;
    }
}
