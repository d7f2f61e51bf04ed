using System.Text;
using Playtrail.Core.Processing;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Custom metadata is held as the UTF-8 of the events (docs/benchmarks.md, "Memory of one maximal upload"); the report
/// and calls it writes are byte for byte those written from the values as strings, whatever the values' escapes.
/// </summary>
public sealed class CustomMetadataBytesTests
{
    // Raw and escaped forms of what the JSON writer escapes or keeps: quotes, a backslash, HTML-sensitive characters,
    // non-ASCII letters, a character outside the BMP (raw and as a surrogate pair), control characters and an empty value.
    private const string Metadata =
        """{"plain": "films", "quoted": "say \"hi\" \\ there", "html": "<a href='x'>&amp;</a> + 1", "raw": "café naïve 日本 😀",""" +
        """ "escaped": "caf\u00e9 \u65e5\u672c \ud83d\ude00 \/ \t\n", "empty": "", "shared": "session"}""";

    private const string ChapterMetadata = """{"shared": "chapter \u00e9", "own": "only <here>"}""";

    // Written with ` for " so that the lines read as the JSON they are.
    private static readonly string[] Events =
    [
        J("{`eventType`:`sessionStart`,`playerTime`:{`playhead`:0,`ts`:1700000000000},`params`:{`media.downloaded`:true,"
            + "`analytics.trackingServer`:`t.sc.omtrdc.net`,`analytics.reportSuite`:`rs`,`visitor.marketingCloudOrgId`:`0123456789ABCDEF@AdobeOrg`,"
            + "`media.id`:`m`,`media.name`:`n`,`media.length`:100,`media.contentType`:`vod`,`media.playerName`:`p`,`media.channel`:`c`},"
            + "`customMetadata`:") + Metadata + "}",
        J("{`eventType`:`play`,`playerTime`:{`playhead`:0,`ts`:1700000001000}}"),
        J("{`eventType`:`chapterStart`,`playerTime`:{`playhead`:0,`ts`:1700000001001},`params`:{`media.chapter.index`:1,"
            + "`media.chapter.offset`:0,`media.chapter.length`:50},`customMetadata`:") + ChapterMetadata + "}",
        J("{`eventType`:`adBreakStart`,`playerTime`:{`playhead`:10,`ts`:1700000011000},`params`:{`media.ad.podIndex`:1,`media.ad.podSecond`:10}}"),
        J("{`eventType`:`adStart`,`playerTime`:{`playhead`:10,`ts`:1700000011001},`params`:{`media.ad.id`:`a`,`media.ad.length`:5,"
            + "`media.ad.podPosition`:1,`media.ad.playerName`:`p`},`customMetadata`:{`raw`: `ad é`, `shared`: `ad`}}"),
        J("{`eventType`:`adComplete`,`playerTime`:{`playhead`:10,`ts`:1700000016001}}"),
        J("{`eventType`:`adBreakComplete`,`playerTime`:{`playhead`:10,`ts`:1700000016002}}"),
        J("{`eventType`:`chapterComplete`,`playerTime`:{`playhead`:50,`ts`:1700000056002}}"),
        J("{`eventType`:`sessionComplete`,`playerTime`:{`playhead`:100,`ts`:1700000106002}}"),
    ];

    private static readonly SessionReport Report = SessionEvents.Downloaded(Events);

    [Fact]
    public void Report_FromUtf8Metadata_IsByteForByteTheReportFromStrings()
    {
        var header = new ReportHeader(SessionEvents.SessionId, "completed", true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var fromUtf8 = SessionReportJson.ToUtf8Bytes(Report, header);
        var fromStrings = SessionReportJson.ToUtf8Bytes(AsStrings(Report), header);

        Assert.Equal(Encoding.UTF8.GetString(fromStrings), Encoding.UTF8.GetString(fromUtf8));
        Assert.Equal(fromStrings, fromUtf8);
    }

    [Fact]
    public void Calls_FromUtf8Metadata_AreByteForByteTheCallsFromStrings()
    {
        var calls = AsStrings(Report).Calls.Select(call => call with
        {
            ContextData = call.ContextData.Select(pair => new KeyValuePair<string, ContextValue>(
                pair.Key, pair.Value.Kind == ContextValueKind.String ? ContextValue.Of(pair.Value.Text!) : pair.Value)).ToList(),
        }).ToList();

        var fromUtf8 = AnalyticsCallsJson.ToUtf8Bytes(Report.Calls);
        var fromStrings = AnalyticsCallsJson.ToUtf8Bytes(calls);

        Assert.Equal(Encoding.UTF8.GetString(fromStrings), Encoding.UTF8.GetString(fromUtf8));
        Assert.Equal(fromStrings, fromUtf8);
    }

    [Fact]
    public void Metadata_ReadsAsTheUnescapedStrings_MergedWithTheChaptersAndAdsOwn()
    {
        Assert.Equal("say \"hi\" \\ there", Report.Media.CustomMetadata.Single(pair => pair.Key == "quoted").Value);
        Assert.Equal("café 日本 😀 / \t\n", Report.Media.CustomMetadata.Single(pair => pair.Key == "escaped").Value);
        Assert.Equal("café naïve 日本 😀", Report.Media.CustomMetadata.Single(pair => pair.Key == "raw").Value);
        Assert.Equal(
            ["plain", "quoted", "html", "raw", "escaped", "empty", "shared", "own"],
            Report.Chapters.Single().CustomMetadata.Select(pair => pair.Key));
        Assert.Equal(new KeyValuePair<string, string>("shared", "chapter é"), Report.Chapters.Single().CustomMetadata[6]);
        Assert.Equal(new KeyValuePair<string, string>("raw", "ad é"), Report.Ads.Single().CustomMetadata[3]);
        Assert.Contains(Report.Calls, call => call.ContextData.Contains(new("own", ContextValue.Of("only <here>"))));
    }

    private static string J(string json) => json.Replace('`', '"');

    private static SessionReport AsStrings(SessionReport report) => report with
    {
        Media = report.Media with { CustomMetadata = [.. report.Media.CustomMetadata] },
        Chapters = [.. report.Chapters.Select(chapter => chapter with { CustomMetadata = [.. chapter.CustomMetadata] })],
        Ads = [.. report.Ads.Select(ad => ad with { CustomMetadata = [.. ad.CustomMetadata] })],
    };
}
