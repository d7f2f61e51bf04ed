using Microsoft.Playwright;

namespace Playtrail.Server.Tests.Edge.Browser;

/// <summary>
/// The real @adobe/alloy 2.33.1 in headless Chromium reports to Playtrail over HTTPS: manual mode, automatic mode
/// with alloy's own pings, and the legacy Media Analytics tracker bridge. The page's clock is fixed at each step
/// (Playwright's clock), so every event carries a known timestamp and each report is worked out by hand.
/// </summary>
[Collection(AlloyBrowserGroup.Name)]
public sealed class AlloyBrowserTests(AlloyBrowser browser)
{
    private static readonly DateTime Start = new(2026, 12, 5, 18, 0, 0, DateTimeKind.Utc);

    private const string Configure = $$"""
        () => alloy("configure", {
          datastreamId: "{{AlloyBrowser.ConfigId}}", orgId: "{{AlloyBrowser.OrgId}}",
          edgeDomain: "edge.playtrail.test", edgeBasePath: "ee", thirdPartyCookiesEnabled: false,
          streamingMedia: { channel: "browser-channel", playerName: "browser-player", appVersion: "browser-1.0",
                            mainPingInterval: 10, adPingInterval: 1 } })
        """;

    [Fact]
    public async Task ManualMode_SessionIsReportedAsThePagePlayedIt()
    {
        var page = await browser.OpenPlayerAsync();
        await page.Clock.SetFixedTimeAsync(Start);
        await page.EvaluateAsync(Configure);

        var sessionId = await page.EvaluateAsync<string>("""
            async () => (await alloy("createMediaSession", { xdm: { eventType: "media.sessionStart", mediaCollection: {
              playhead: 0, sessionDetails: { name: "browser-manual", friendlyName: "Manual video", length: 60, contentType: "VOD", streamType: "video" } } } })).sessionId
            """);
        await SendAsync(page, 1, "media.play", 0, sessionId);
        await SendAsync(page, 11, "media.pauseStart", 10, sessionId);
        await SendAsync(page, 15, "media.play", 10, sessionId);
        await SendAsync(page, 25, "media.sessionEnd", 20, sessionId);

        var report = await browser.Edge.ReportAsync(sessionId);
        Assert.Equal("ended", report.GetProperty("status").GetString());
        Assert.Equal("browser-manual", report.GetProperty("media").GetProperty("id").GetString());
        Assert.Equal("browser-player", report.GetProperty("media").GetProperty("playerName").GetString());
        Assert.Equal(5, report.GetProperty("eventCount").GetInt32());
        var metrics = report.GetProperty("metrics");
        // Played 18:00:01 to the pause at 18:00:11, then 18:00:15 to the end at 18:00:25.
        Assert.Equal(20, metrics.GetProperty("timePlayed").GetDouble(), 3);
        Assert.Equal(1, metrics.GetProperty("pauseCount").GetInt32());
        Assert.Equal(4, metrics.GetProperty("pauseTime").GetDouble(), 3);
    }

    [Fact]
    public async Task AutomaticMode_WithAlloysOwnPings_SessionIsReportedAsThePagePlayedIt()
    {
        var page = await browser.OpenPlayerAsync();
        await page.Clock.SetFixedTimeAsync(Start);
        await page.EvaluateAsync(Configure);
        var sessionId = await page.EvaluateAsync<string>("""
            async () => {
              window.player = { playhead: 0 };
              const session = await alloy("createMediaSession", {
                playerId: "player-1",
                getPlayerDetails: () => ({ playhead: window.player.playhead,
                  qoeDataDetails: { bitrate: 2000, droppedFrames: 0, framesPerSecond: 30, timeToStart: 1500 } }),
                xdm: { eventType: "media.sessionStart", mediaCollection: { playhead: 0, sessionDetails: {
                  name: "browser-auto", friendlyName: "Automatic video", length: 120, contentType: "VOD", streamType: "video" } } } });
              return session.sessionId;
            }
            """);

        await SendAutomaticAsync(page, 1, 0, "media.play");
        // alloy pings by itself 10 s after the last event; the page's clock says 18:00:11 when it does.
        await SetPlayheadAsync(page, 11, 10);
        await WaitForEventsAsync(sessionId, 3);
        await SendAutomaticAsync(page, 21, 20, "media.adBreakStart", "advertisingPodDetails: { friendlyName: 'mid-roll', index: 1, offset: 20 }");
        await SendAutomaticAsync(page, 21, 20, "media.adStart", "advertisingDetails: { name: 'ad-1', friendlyName: 'Ad one', length: 15, podPosition: 1 }");
        // During the ad alloy pings every second (adPingInterval 1).
        await SetPlayheadAsync(page, 30, 20);
        await WaitForEventsAsync(sessionId, 6);
        await SendAutomaticAsync(page, 36, 20, "media.adComplete");
        await SendAutomaticAsync(page, 36, 20, "media.adBreakComplete");
        await SendAutomaticAsync(page, 36, 20, "media.play");
        await SendAutomaticAsync(page, 46, 30, "media.pauseStart");
        await SendAutomaticAsync(page, 50, 30, "media.play");
        await SendAutomaticAsync(page, 60, 40, "media.sessionComplete");

        var report = await browser.Edge.ReportAsync(sessionId);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal("browser-auto", report.GetProperty("media").GetProperty("id").GetString());
        var pings = browser.Server.Query($"SELECT COUNT(*) FROM events WHERE session_id = '{sessionId}' AND event_type = 4", reader => reader.GetInt64(0)).Single();
        Assert.True(pings >= 2, $"alloy sent {pings} pings; expected the main-content ping and at least one ad ping");
        var metrics = report.GetProperty("metrics");
        // Main content: 18:00:01 to the break at :21, the break's end at :36 to the pause at :46, :50 to the end at 18:01:00.
        Assert.Equal(40, metrics.GetProperty("timePlayed").GetDouble(), 3);
        Assert.Equal(4, metrics.GetProperty("pauseTime").GetDouble(), 3);
        Assert.True(metrics.GetProperty("complete").GetBoolean());
        Assert.Equal(1, metrics.GetProperty("adCount").GetInt32());
        var ad = metrics.GetProperty("ads")[0];
        Assert.Equal(("ad-1", "browser-player"), (ad.GetProperty("id").GetString(), ad.GetProperty("playerName").GetString()));
        // The ad: 18:00:21 to 18:00:36.
        Assert.Equal(15, ad.GetProperty("timePlayed").GetDouble(), 3);
        Assert.Equal(1.5, metrics.GetProperty("qoe").GetProperty("timeToStart").GetDouble(), 3);
    }

    [Fact]
    public async Task LegacyTrackerBridge_SessionIsReportedAsThePagePlayedIt()
    {
        var page = await browser.OpenPlayerAsync();
        await page.Clock.SetFixedTimeAsync(Start);
        await page.EvaluateAsync(Configure);
        await page.EvaluateAsync("""
            async () => {
              window.Media = await alloy("getMediaAnalyticsTracker", {});
              window.tracker = Media.getInstance();
              await tracker.trackSessionStart(
                Media.createMediaObject("Legacy video", "browser-legacy", 45, Media.StreamType.VOD, Media.MediaType.Video),
                { "custom.key": "custom value" });
            }
            """);

        await LegacyAsync(page, 1, "tracker.updatePlayhead(0); await tracker.trackPlay();");
        await LegacyAsync(page, 6, """
            tracker.updatePlayhead(5);
            await tracker.trackEvent(Media.Event.ChapterStart, Media.createChapterObject("Legacy chapter", 1, 20, 5), { "chapter.key": "c" });
            """);
        await LegacyAsync(page, 16, "tracker.updatePlayhead(15); await tracker.trackPause();");
        await LegacyAsync(page, 20, "await tracker.trackPlay();");
        await LegacyAsync(page, 30, "tracker.updatePlayhead(25); await tracker.trackEvent(Media.Event.ChapterComplete); await tracker.trackComplete();");

        var sessionId = browser.Server.Query(
            "SELECT session_id FROM sessions WHERE media_id = 'browser-legacy'", reader => reader.GetString(0)).Single();
        var report = await browser.Edge.ReportAsync(sessionId);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal("Legacy video", report.GetProperty("media").GetProperty("name").GetString());
        Assert.Equal("custom value", report.GetProperty("media").GetProperty("customMetadata").GetProperty("custom.key").GetString());
        var metrics = report.GetProperty("metrics");
        // Played 18:00:01 to the pause at :16, then :20 to the end at :30; the chapter from :06 to :30 less the pause.
        Assert.Equal(25, metrics.GetProperty("timePlayed").GetDouble(), 3);
        Assert.Equal(4, metrics.GetProperty("pauseTime").GetDouble(), 3);
        Assert.Equal(1, metrics.GetProperty("chapterCount").GetInt32());
        var chapter = metrics.GetProperty("chapters")[0];
        Assert.Equal("Legacy chapter", chapter.GetProperty("friendlyName").GetString());
        Assert.True(chapter.GetProperty("complete").GetBoolean());
    }

    private async Task WaitForEventsAsync(string sessionId, int count)
    {
        var report = await Eventually.WaitAsync(() => browser.Edge.ReportAsync(sessionId), r => r.GetProperty("eventCount").GetInt32() >= count);
        Assert.True(report.GetProperty("eventCount").GetInt32() >= count, $"alloy's ping did not arrive; {report.GetProperty("eventCount")} events stored");
    }

    private static async Task SetPlayheadAsync(IPage page, int second, int playhead)
    {
        await page.Clock.SetFixedTimeAsync(Start.AddSeconds(second));
        await page.EvaluateAsync("playhead => { window.player.playhead = playhead; }", playhead);
    }

    private static async Task SendAutomaticAsync(IPage page, int second, int playhead, string eventType, string? details = null)
    {
        await SetPlayheadAsync(page, second, playhead);
        await page.EvaluateAsync(
            $"() => alloy('sendMediaEvent', {{ playerId: 'player-1', xdm: {{ eventType: '{eventType}'{(details is null ? "" : $", mediaCollection: {{ {details} }}")} }} }})");
    }

    private static async Task LegacyAsync(IPage page, int second, string script)
    {
        await page.Clock.SetFixedTimeAsync(Start.AddSeconds(second));
        await page.EvaluateAsync($"async () => {{ {script} }}");
    }

    private static async Task SendAsync(IPage page, int second, string eventType, int playhead, string sessionId)
    {
        await page.Clock.SetFixedTimeAsync(Start.AddSeconds(second));
        await page.EvaluateAsync(
            "([eventType, playhead, sessionID]) => alloy('sendMediaEvent', { xdm: { eventType, mediaCollection: { playhead, sessionID } } })",
            new object[] { eventType, playhead, sessionId });
    }
}
