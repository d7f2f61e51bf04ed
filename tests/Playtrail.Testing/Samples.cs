using System.Globalization;
using System.Text;

namespace Playtrail.Testing;

/// <summary>
/// Ready-made payloads: the downloaded sample of Adobe's downloaded-content guide and builders for valid events.
/// </summary>
public static class Samples
{
    /// <summary>The <c>params</c> of a valid <c>sessionStart</c> (all required keys), without <c>media.downloaded</c>.</summary>
    public const string SessionStartParams =
        """
        "analytics.trackingServer": "example.sc.omtrdc.net",
        "analytics.reportSuite": "examplersid",
        "analytics.enableSSL": true,
        "visitor.marketingCloudOrgId": "0123456789ABCDEF@AdobeOrg",
        "media.id": "movie-42",
        "media.name": "The Long Flight",
        "media.length": 35,
        "media.contentType": "vod",
        "media.playerName": "sample-player",
        "media.channel": "sample-app"
        """;

    /// <summary>
    /// The downloaded sample of Adobe's downloaded-content guide (docs/reference/media-collection-api.md#downloaded-sample)
    /// as valid JSON: the same events, timestamps and playheads, with a complete <c>sessionStart</c>.
    /// </summary>
    public static string SeedDownloaded(bool withDownloadedFlag = true) =>
        "[" + SessionStart(1529997923478, downloaded: withDownloadedFlag ? true : null) + """
        ,
        {"eventType": "play", "playerTime": {"playhead": 0, "ts": 1529997928174}},
        {"eventType": "ping", "playerTime": {"playhead": 10, "ts": 1529997937503}},
        {"eventType": "ping", "playerTime": {"playhead": 20, "ts": 1529997947533}},
        {"eventType": "ping", "playerTime": {"playhead": 30, "ts": 1529997957545}},
        {"eventType": "sessionComplete", "playerTime": {"playhead": 35, "ts": 1529997960559}}
        ]
        """;

    /// <summary>A valid <c>sessionStart</c> object.</summary>
    public static string SessionStart(long ts, bool? downloaded = null, string? extraParams = null)
    {
        var flag = downloaded is null ? "" : $",\n\"media.downloaded\": {(downloaded.Value ? "true" : "false")}";
        var extra = extraParams is null ? "" : ",\n" + extraParams;
        return $$"""
            {
              "eventType": "sessionStart",
              "playerTime": {"playhead": 0, "ts": {{ts}}},
              "params": { {{SessionStartParams}}{{flag}}{{extra}} },
              "customMetadata": {"cms.section": "films"},
              "qoeData": {"media.qoe.timeToStart": 1200}
            }
            """;
    }

    /// <summary>A parameterless event such as <c>play</c> or <c>ping</c>.</summary>
    public static string Event(string eventType, double playhead, long ts) =>
        $$$"""{"eventType": "{{{eventType}}}", "playerTime": {"playhead": {{{playhead.ToString(CultureInfo.InvariantCulture)}}}, "ts": {{{ts}}}}}""";

    /// <summary>A downloaded array of <paramref name="count"/> events: sessionStart, play, pings 10 s apart, sessionComplete.</summary>
    public static string LongDownloaded(int count, long firstTs = 1529997923478)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 3);
        var builder = new StringBuilder("[");
        builder.Append(SessionStart(firstTs, downloaded: true));
        builder.Append(',').Append(Event("play", 0, firstTs + 1000));
        for (var i = 1; i <= count - 3; i++)
        {
            builder.Append(',').Append(Event("ping", i * 10, firstTs + 1000 + (i * 10_000)));
        }

        builder.Append(',').Append(Event("sessionComplete", (count - 2) * 10, firstTs + 1000 + ((count - 2) * 10_000)));
        return builder.Append(']').ToString();
    }
}
