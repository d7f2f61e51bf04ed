using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Validation;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Standard content metadata (docs/reference/media-collection-api.md#standard-metadata) reaches the report and every
/// call under its analytics key.
/// </summary>
public sealed class StandardMetadataTests
{
    private static readonly string[] NotMetadata =
    [
        "media.id", "media.name", "media.length", "media.contentType", "media.playerName", "media.channel", "media.streamType",
        "media.resume", "media.downloaded", "media.sdkVersion", "media.libraryVersion",
    ];

    [Fact]
    public void EveryStandardMetadataParamTheValidatorAccepts_HasAnAnalyticsKey()
    {
        var accepted = EventRules.For(EventType.SessionStart).Params
            .Select(rule => rule.Key)
            .Where(key => key.StartsWith("media.", StringComparison.Ordinal) && !NotMetadata.Contains(key));

        Assert.Equal(accepted.Order(), StandardMetadata.Keys.Select(key => key.Param).Order());
    }

    [Fact]
    public void StandardMetadata_IsReportedAndSentOnEveryCall()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, extraParams: """
                "media.show": "Examples", "media.firstAirDate": "2026-01-01", "media.showType": "0", "media.pass.mvpd": "mvpd",
                "media.sdkVersion": "app-1.2", "media.libraryVersion": "ios-media-5.0.1", "media.resume": true
                """),
            AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0),
            AdStart(0, T0 + 2, "ad", 5, 1),
            Simple("sessionEnd", 0, T0 + 3));

        Assert.Equal(
            [new("show", "Examples"), new("firstAirDate", "2026-01-01"), new("showType", "0"), new("pass.mvpd", "mvpd")],
            report.Media.Metadata);
        Assert.Equal(("app-1.2", "ios-media-5.0.1", true), (report.Media.SdkVersion, report.Media.LibraryVersion, report.Media.Resume));
        Assert.All(report.Calls, call =>
        {
            var data = Data(call);
            Assert.Equal(S("Examples"), data["a.media.show"]);
            Assert.Equal(S("2026-01-01"), data["a.media.airDate"]);
            Assert.Equal(S("0"), data["a.media.type"]);
            Assert.Equal(S("mvpd"), data["a.media.pass.mvpd"]);
            Assert.Equal(S("app-1.2"), data["a.media.sdkVersion"]);
            Assert.Equal(S("ios-media-5.0.1"), data["a.media.vhlVersion"]);
            Assert.Equal(S("video"), data["a.media.streamType"]);
        });
        Assert.Equal(B(true), Data(report.Calls[^1])["a.media.resume"]);
        Assert.True(report.Metrics.Resume);
    }

    [Fact]
    public void CustomMetadata_OverwritesAStandardKey_ButNotAComputedMetric()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, customMetadata: """{"a.media.channel": "custom-channel", "a.media.timePlayed": "999"}"""),
            Simple("play", 0, T0 + 1000),
            Simple("sessionEnd", 5, T0 + 6000));

        var close = report.Calls[^1];
        Assert.Equal(S("custom-channel"), Data(close)["a.media.channel"]);
        Assert.Equal(N(5), Data(close)["a.media.timePlayed"]);
        Assert.Single(close.ContextData, pair => pair.Key == "a.media.channel");
    }
}
