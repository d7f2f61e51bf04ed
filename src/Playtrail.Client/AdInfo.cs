namespace Playtrail.Client;

/// <summary>One ad inside a break: the params of <c>adStart</c>. The ad player name is the client's player name.</summary>
/// <param name="Id">Ad id (<c>media.ad.id</c>).</param>
/// <param name="Length">Ad length in seconds (<c>media.ad.length</c>), -1 when unknown.</param>
/// <param name="PodPosition">Position of the ad in its break (<c>media.ad.podPosition</c>), 1 for the first.</param>
public sealed record AdInfo(string Id, double Length, int PodPosition)
{
    /// <summary>Friendly ad name (<c>media.ad.name</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Advertiser (<c>media.ad.advertiser</c>).</summary>
    public string? Advertiser { get; init; }

    /// <summary>Campaign id (<c>media.ad.campaignId</c>).</summary>
    public string? CampaignId { get; init; }

    /// <summary>Creative id (<c>media.ad.creativeId</c>).</summary>
    public string? CreativeId { get; init; }

    /// <summary>Creative URL (<c>media.ad.creativeURL</c>).</summary>
    public string? CreativeUrl { get; init; }
}
