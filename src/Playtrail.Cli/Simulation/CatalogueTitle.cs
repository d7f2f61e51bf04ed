using System.Globalization;
using Playtrail.Client;

namespace Playtrail.Cli.Simulation;

/// <summary>One piece of content the simulated viewers can watch.</summary>
/// <param name="Id">Content id (<c>media.id</c>).</param>
/// <param name="Name">Display name.</param>
/// <param name="LengthSeconds">Content length; 86400 for live streams.</param>
/// <param name="ContentType"><c>vod</c>, <c>live</c>, <c>song</c> or <c>podcast</c>.</param>
/// <param name="Show">Series, album or channel the content belongs to.</param>
/// <param name="Episode">Episode or track number, when there is one.</param>
/// <param name="Genre">Genre.</param>
internal sealed record CatalogueTitle(string Id, string Name, int LengthSeconds, string ContentType, string Show, int? Episode, string Genre)
{
    /// <summary>Audio titles have no video states, no fullscreen and no mid-rolls.</summary>
    public bool IsAudio => ContentType is "song" or "podcast";

    /// <summary>Live streams have no end: viewers always leave with <c>sessionEnd</c>.</summary>
    public bool IsLive => ContentType == "live";

    /// <summary>The SDK's description of this title.</summary>
    public MediaInfo ToMediaInfo() => new(Id, LengthSeconds, ContentType)
    {
        Name = Name,
        StreamType = IsAudio ? "audio" : "video",
        Show = ContentType == "song" ? null : Show,
        Album = ContentType == "song" ? Show : null,
        Artist = ContentType == "song" ? "The Simulators" : null,
        Episode = Episode?.ToString(CultureInfo.InvariantCulture),
        Season = ContentType == "vod" && Episode is not null ? "1" : null,
        Genre = Genre,
        Network = IsLive ? Show : null,
    };
}
