using System.Text;
using System.Text.Json;
using Playtrail.Core.Processing;
using Playtrail.Testing;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>The report and calls JSON keep the shapes docs/api.md promises (docs/api.md#get-apiv1sessionssid).</summary>
public sealed class SessionReportJsonTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 25, 16, 0, 0, TimeSpan.Zero);

    private static JsonElement Write(SessionReport report, ReportHeader header) =>
        JsonDocument.Parse(SessionReportJson.ToUtf8Bytes(report, header)).RootElement;

    [Fact]
    public void Report_HasTheDesignShape()
    {
        var report = SessionProcessor.Process(SessionEvents.FromDownloaded(Samples.SeedDownloaded()),
            new SessionContext(SessionEvents.SessionId, true, SessionCloseKind.EndOfArray));

        var json = Write(report, new ReportHeader(SessionEvents.SessionId, "completed", true, ReceivedAt, ReceivedAt.AddSeconds(1)));

        Assert.Equal(
            ["sessionId", "status", "downloaded", "firstEventTs", "lastEventTs", "receivedAt", "closedAt", "eventCount", "ignoredEvents", "media", "metrics"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.Equal(1529997923478, json.GetProperty("firstEventTs").GetInt64());
        Assert.Equal(ReceivedAt, json.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal("movie-42", json.GetProperty("media").GetProperty("id").GetString());
        Assert.Equal("films", json.GetProperty("media").GetProperty("customMetadata").GetProperty("cms.section").GetString());

        var metrics = json.GetProperty("metrics");
        string[] names =
        [
            "view", "play", "complete", "timePlayed", "totalTimePlayed", "uniqueTimePlayed", "progress10", "progress25", "progress50",
            "progress75", "progress95", "averageMinuteAudience", "estimatedStreams", "segment", "segmentView", "pause", "pauseCount",
            "pauseTime", "resume", "adCount", "chapterCount", "secondsSinceLastCall", "dropBeforeStart", "clockAnomalies", "qoe", "states",
            "ads", "chapters",
        ];
        Assert.Equal(names, metrics.EnumerateObject().Select(p => p.Name));
        Assert.Equal(32.385, metrics.GetProperty("timePlayed").GetDouble());
        Assert.Equal(1.2, metrics.GetProperty("qoe").GetProperty("timeToStart").GetDouble());
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("qoe").GetProperty("bitrateAverage").ValueKind);
        Assert.Equal(
            ["timeToStart", "bitrateAverage", "bitrateAverageBucket", "bitrateChangeCount", "bitrateChange", "bufferCount", "bufferTime", "buffer",
             "droppedFrameCount", "droppedFrames", "errorCount", "error", "playerSdkErrors", "externalErrors", "stallCount", "stallTime", "stall",
             "framesPerSecond"],
            metrics.GetProperty("qoe").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Report_WritesAdsChaptersStatesAndIgnoredEvents()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0, friendlyName: "pre"),
            AdStart(0, T0 + 2, "ad-1", 15, 1, name: "Ad", advertiser: "Acme"),
            Simple("adComplete", 0, T0 + 15_002),
            Simple("adBreakComplete", 0, T0 + 15_003),
            Simple("play", 0, T0 + 15_004),
            ChapterStart(0, T0 + 15_005, index: 1, offset: 0, length: 20, friendlyName: "One"),
            State("stateStart", 0, T0 + 15_006, "Mute"),
            State("stateEnd", 1, T0 + 16_000, "closedCaptioning"));

        var json = Write(report, new ReportHeader(SessionEvents.SessionId, "active", false, ReceivedAt, null) { CloseReason = "idle" });

        Assert.Equal(JsonValueKind.Null, json.GetProperty("closedAt").ValueKind);
        Assert.Equal("idle", json.GetProperty("closeReason").GetString());
        var ignored = Assert.Single(json.GetProperty("ignoredEvents").EnumerateArray());
        Assert.Equal((8, "stateNotStarted"), (ignored.GetProperty("index").GetInt32(), ignored.GetProperty("reason").GetString()));

        var metrics = json.GetProperty("metrics");
        var ad = Assert.Single(metrics.GetProperty("ads").EnumerateArray());
        Assert.Equal(
            ["id", "name", "length", "podPosition", "playerName", "advertiser", "campaignId", "creativeId", "siteId", "creativeURL", "placementId",
             "pod", "podFriendlyName", "podIndex", "podSecond", "view", "complete", "skipped", "timePlayed", "customMetadata"],
            ad.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("Acme", "pre", 15.0), (ad.GetProperty("advertiser").GetString(), ad.GetProperty("podFriendlyName").GetString(), ad.GetProperty("timePlayed").GetDouble()));

        var chapter = Assert.Single(metrics.GetProperty("chapters").EnumerateArray());
        Assert.Equal(["index", "offset", "length", "friendlyName", "id", "view", "complete", "skipped", "timePlayed", "customMetadata"],
            chapter.EnumerateObject().Select(p => p.Name));

        // Mute from 15.006 s to the last event at 16 s (the session is open): 0.994 s.
        var mute = metrics.GetProperty("states").GetProperty("mute");
        Assert.Equal((true, 1, 0.994), (mute.GetProperty("set").GetBoolean(), mute.GetProperty("count").GetInt32(), mute.GetProperty("time").GetDouble()));
        Assert.Equal(JsonValueKind.Null, metrics.GetProperty("secondsSinceLastCall").ValueKind);
    }

    [Fact]
    public void Calls_HaveTheDesignShape()
    {
        var online = SessionEvents.Online(SessionCloseKind.Open, SessionStart(T0), Simple("sessionEnd", 0, T0 + 1000));
        var downloaded = SessionProcessor.Process(SessionEvents.FromDownloaded(Samples.SeedDownloaded()),
            new SessionContext(SessionEvents.SessionId, true, SessionCloseKind.EndOfArray));

        var onlineJson = JsonDocument.Parse(AnalyticsCallsJson.ToUtf8Bytes(online.Calls)).RootElement;
        var downloadedJson = JsonDocument.Parse(AnalyticsCallsJson.ToUtf8Bytes(downloaded.Calls)).RootElement;

        var start = onlineJson[0];
        Assert.Equal(["type", "ts", "contextData"], start.EnumerateObject().Select(p => p.Name));
        Assert.Equal("start", start.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, start.GetProperty("ts").ValueKind);
        Assert.True(start.GetProperty("contextData").GetProperty("a.media.view").GetBoolean());
        Assert.Equal(45, start.GetProperty("contextData").GetProperty("a.media.length").GetDouble());
        Assert.Equal("vod", start.GetProperty("contextData").GetProperty("a.contentType").GetString());
        Assert.Equal("close", onlineJson[1].GetProperty("type").GetString());

        Assert.Equal(1529997923478, downloadedJson[0].GetProperty("ts").GetInt64());
        Assert.Equal(1529997960559, downloadedJson[1].GetProperty("ts").GetInt64());
        Assert.StartsWith("""[{"type":"start","ts":1529997923478,"contextData":{"a.media.name":"movie-42","a.media.friendlyName":"The Long Flight",""",
            Encoding.UTF8.GetString(AnalyticsCallsJson.ToUtf8Bytes(downloaded.Calls)));
    }
}
