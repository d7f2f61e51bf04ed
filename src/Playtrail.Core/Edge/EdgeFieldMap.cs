using Playtrail.Core.Events;

namespace Playtrail.Core.Edge;

/// <summary>
/// The field map between XDM <c>mediaCollection</c> objects and Media Collection <c>params</c> and
/// <c>qoeData</c> keys. One table per XDM object; a field not listed has no Media Collection
/// counterpart and is not carried over.
/// </summary>
internal static class EdgeFieldMap
{
    /// <summary><c>mediaCollection.sessionDetails</c> on <c>media.sessionStart</c>.</summary>
    public static readonly IReadOnlyList<(string Xdm, string Param)> SessionDetails =
    [
        ("name", "media.id"),
        ("friendlyName", "media.name"),
        ("length", "media.length"),
        ("contentType", "media.contentType"),
        ("streamType", "media.streamType"),
        ("playerName", "media.playerName"),
        ("channel", "media.channel"),
        ("appVersion", "media.sdkVersion"),
        ("hasResume", "media.resume"),
        ("isDownloaded", "media.downloaded"),
        ("show", "media.show"),
        ("season", "media.season"),
        ("episode", "media.episode"),
        ("genre", "media.genre"),
        ("firstAirDate", "media.firstAirDate"),
        ("firstDigitalDate", "media.firstDigitalDate"),
        ("rating", "media.rating"),
        ("originator", "media.originator"),
        ("network", "media.network"),
        ("showType", "media.showType"),
        ("adLoad", "media.adLoad"),
        ("dayPart", "media.dayPart"),
        ("feed", "media.feed"),
        ("streamFormat", "media.streamFormat"),
        ("artist", "media.artist"),
        ("album", "media.album"),
        ("label", "media.label"),
        ("author", "media.author"),
        ("station", "media.station"),
        ("publisher", "media.publisher"),
        ("assetID", "media.assetId"),
        ("mvpd", "media.pass.mvpd"),
        ("authorized", "media.pass.auth"),
    ];

    /// <summary><c>mediaCollection.advertisingPodDetails</c> on <c>media.adBreakStart</c>.</summary>
    public static readonly IReadOnlyList<(string Xdm, string Param)> AdvertisingPodDetails =
    [
        ("index", "media.ad.podIndex"),
        ("offset", "media.ad.podSecond"),
        ("friendlyName", "media.ad.podFriendlyName"),
    ];

    /// <summary><c>mediaCollection.advertisingDetails</c> on <c>media.adStart</c>.</summary>
    public static readonly IReadOnlyList<(string Xdm, string Param)> AdvertisingDetails =
    [
        ("name", "media.ad.id"),
        ("friendlyName", "media.ad.name"),
        ("length", "media.ad.length"),
        ("podPosition", "media.ad.podPosition"),
        ("playerName", "media.ad.playerName"),
        ("advertiser", "media.ad.advertiser"),
        ("campaignID", "media.ad.campaignId"),
        ("creativeID", "media.ad.creativeId"),
        ("placementID", "media.ad.placementId"),
        ("siteID", "media.ad.siteId"),
        ("creativeURL", "media.ad.creativeURL"),
    ];

    /// <summary><c>mediaCollection.chapterDetails</c> on <c>media.chapterStart</c>.</summary>
    public static readonly IReadOnlyList<(string Xdm, string Param)> ChapterDetails =
    [
        ("index", "media.chapter.index"),
        ("offset", "media.chapter.offset"),
        ("length", "media.chapter.length"),
        ("friendlyName", "media.chapter.friendlyName"),
    ];

    /// <summary><c>mediaCollection.errorDetails</c> on <c>media.error</c>.</summary>
    public static readonly IReadOnlyList<(string Xdm, string Param)> ErrorDetails =
    [
        ("name", "media.errorId"),
        ("source", "media.errorSource"),
    ];

    /// <summary><c>mediaCollection.qoeDataDetails</c>, on any event, to <c>qoeData</c>.</summary>
    public static readonly IReadOnlyList<(string Xdm, string Param)> QoeDataDetails =
    [
        ("bitrate", "media.qoe.bitrate"),
        ("droppedFrames", "media.qoe.droppedFrames"),
        ("framesPerSecond", "media.qoe.framesPerSecond"),
        ("timeToStart", "media.qoe.timeToStart"),
    ];

    /// <summary>The XDM object whose fields become <c>params</c> for <paramref name="type"/>, if any.</summary>
    public static (string Object, IReadOnlyList<(string Xdm, string Param)> Fields)? DetailsOf(EventType type) => type switch
    {
        EventType.SessionStart => ("sessionDetails", SessionDetails),
        EventType.AdBreakStart => ("advertisingPodDetails", AdvertisingPodDetails),
        EventType.AdStart => ("advertisingDetails", AdvertisingDetails),
        EventType.ChapterStart => ("chapterDetails", ChapterDetails),
        EventType.Error => ("errorDetails", ErrorDetails),
        _ => null,
    };
}
