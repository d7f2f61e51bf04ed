namespace Playtrail.Core.Processing;

/// <summary>
/// One counted ad (an <c>adStart</c> inside a break) and what happened to it
/// (docs/reference/media-collection-api.md#ad-params, docs/reference/media-collection-api.md#ad-and-chapter-metrics).
/// </summary>
public sealed record AdMetrics
{
    /// <summary><c>media.ad.id</c> (<c>a.media.ad.name</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary><c>media.ad.name</c> (<c>a.media.ad.friendlyName</c>).</summary>
    public string? Name { get; init; }

    /// <summary><c>media.ad.length</c> in seconds (<c>a.media.ad.length</c>).</summary>
    public double Length { get; init; }

    /// <summary><c>media.ad.podPosition</c> (<c>a.media.ad.podPosition</c>).</summary>
    public long PodPosition { get; init; }

    /// <summary><c>media.ad.playerName</c> (<c>a.media.ad.playerName</c>).</summary>
    public string PlayerName { get; init; } = "";

    /// <summary><c>media.ad.advertiser</c> (<c>a.media.ad.advertiser</c>).</summary>
    public string? Advertiser { get; init; }

    /// <summary><c>media.ad.campaignId</c> (<c>a.media.ad.campaign</c>).</summary>
    public string? CampaignId { get; init; }

    /// <summary><c>media.ad.creativeId</c> (<c>a.media.ad.creative</c>).</summary>
    public string? CreativeId { get; init; }

    /// <summary><c>media.ad.siteId</c> (<c>a.media.ad.site</c>).</summary>
    public string? SiteId { get; init; }

    /// <summary><c>media.ad.creativeURL</c> (<c>a.media.ad.creativeURL</c>).</summary>
    public string? CreativeUrl { get; init; }

    /// <summary><c>media.ad.placementId</c> (<c>a.media.ad.placement</c>).</summary>
    public string? PlacementId { get; init; }

    /// <summary>The pod id: lower-case hex MD5 of <c>media.id</c>, <c>_</c>, the pod index (<c>a.media.ad.pod</c>).</summary>
    public string Pod { get; init; } = "";

    /// <summary>The break's <c>media.ad.podFriendlyName</c>, else the ad's (<c>a.media.ad.podFriendlyName</c>).</summary>
    public string? PodFriendlyName { get; init; }

    /// <summary>The break's <c>media.ad.podIndex</c>.</summary>
    public long PodIndex { get; init; }

    /// <summary>The break's <c>media.ad.podSecond</c> (<c>a.media.ad.podSecond</c>).</summary>
    public double PodSecond { get; init; }

    /// <summary>The ad started (<c>a.media.ad.view</c>); always true for a counted ad.</summary>
    public bool View { get; init; }

    /// <summary>An <c>adComplete</c> closed it (<c>a.media.ad.complete</c>).</summary>
    public bool Complete { get; init; }

    /// <summary>An <c>adSkip</c> closed it.</summary>
    public bool Skipped { get; init; }

    /// <summary>Seconds in the playing state while it was open (<c>a.media.ad.timePlayed</c>).</summary>
    public double TimePlayed { get; init; }

    /// <summary>The session's custom metadata merged with the ad's (the ad's value wins on a shared key).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CustomMetadata { get; init; } = [];
}
