namespace Playtrail.Client;

/// <summary>
/// The content a session is about. Becomes the <c>media.*</c> params of <c>sessionStart</c>; unset optional
/// values are left out of the event.
/// </summary>
/// <param name="Id">Stable unique content id (<c>media.id</c>), the primary "Content" dimension.</param>
/// <param name="Length">Content length in seconds (<c>media.length</c>); 86400 for live content of unknown length.</param>
/// <param name="ContentType">Content type (<c>media.contentType</c>): <c>vod</c>, <c>live</c>, <c>linear</c>, <c>ugc</c>, <c>dvod</c>, <c>song</c>, <c>podcast</c>, ...</param>
public sealed record MediaInfo(string Id, double Length, string ContentType = "vod")
{
    /// <summary>Human-friendly content name (<c>media.name</c>).</summary>
    public string? Name { get; init; }

    /// <summary><c>audio</c> or <c>video</c> (<c>media.streamType</c>).</summary>
    public string? StreamType { get; init; } = "video";

    /// <summary>Program or series name (<c>media.show</c>).</summary>
    public string? Show { get; init; }

    /// <summary>Season number, as text (<c>media.season</c>).</summary>
    public string? Season { get; init; }

    /// <summary>Episode number, as text (<c>media.episode</c>).</summary>
    public string? Episode { get; init; }

    /// <summary>Comma-separated genres (<c>media.genre</c>).</summary>
    public string? Genre { get; init; }

    /// <summary>Network or channel name (<c>media.network</c>).</summary>
    public string? Network { get; init; }

    /// <summary>Industry asset id such as EIDR (<c>media.assetId</c>).</summary>
    public string? AssetId { get; init; }

    /// <summary>Stream format, e.g. HD or SD (<c>media.streamFormat</c>).</summary>
    public string? StreamFormat { get; init; }

    /// <summary>First air date, YYYY-MM-DD recommended (<c>media.firstAirDate</c>).</summary>
    public string? FirstAirDate { get; init; }

    /// <summary>Parental rating, e.g. TV-14 (<c>media.rating</c>).</summary>
    public string? Rating { get; init; }

    /// <summary>Creator or studio (<c>media.originator</c>).</summary>
    public string? Originator { get; init; }

    /// <summary>"0" full episode, "1" preview, "2" clip, "3" other (<c>media.showType</c>).</summary>
    public string? ShowType { get; init; }

    /// <summary>Audio: artist (<c>media.artist</c>).</summary>
    public string? Artist { get; init; }

    /// <summary>Audio: album (<c>media.album</c>).</summary>
    public string? Album { get; init; }

    /// <summary>
    /// Any other standard metadata keys the server accepts on <c>sessionStart</c> (for example
    /// <c>media.feed</c> or <c>media.dayPart</c>), by their wire name. Keys the server does not know are left out
    /// with a warning, since one unknown key would make the server refuse the whole session.
    /// </summary>
    public IReadOnlyDictionary<string, string>? StandardMetadata { get; init; }
}
