using System.Net;
using System.Text.Json;

namespace Playtrail.Server.Tests.Reporting;

/// <summary><c>GET /api/v1/sessions/{sid}/timeline</c> through a real Kestrel port, as the dashboard reads it.</summary>
public sealed class TimelineTests : IAsyncLifetime
{
    private const long T = 1_750_000_000_000;

    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>
    /// A downloaded session (length 35): a one-ad pre-roll (10 s), content with a chapter, fullscreen, bitrate
    /// 2000 then 4000 then 3000, 3 s of buffering, an error, a 5 s pause, then sessionComplete.
    /// </summary>
    private static string WatchedSession() => "[" + string.Join(",\n",
        Samples.SessionStart(T, downloaded: true),
        Event("adBreakStart", 0, T + 1, """ "params": {"media.ad.podIndex": 0, "media.ad.podSecond": 0, "media.ad.podFriendlyName": "pre-roll"} """),
        Event("adStart", 0, T + 2, """ "params": {"media.ad.id": "ad-1", "media.ad.name": "Launch ad", "media.ad.length": 10, "media.ad.podPosition": 1, "media.ad.playerName": "sample-player"} """),
        Samples.Event("ping", 0, T + 5002),
        Samples.Event("adComplete", 0, T + 10_002),
        Samples.Event("adBreakComplete", 0, T + 10_003),
        Event("play", 0, T + 10_004, """ "qoeData": {"media.qoe.bitrate": 2000} """),
        Event("chapterStart", 0, T + 10_005, """ "params": {"media.chapter.index": 1, "media.chapter.offset": 0, "media.chapter.length": 30, "media.chapter.friendlyName": "Part one"} """),
        Event("stateStart", 0, T + 10_006, """ "params": {"media.state.name": "fullscreen"} """),
        Samples.Event("ping", 10, T + 20_004),
        Event("bitrateChange", 12, T + 22_004, """ "qoeData": {"media.qoe.bitrate": 4000} """),
        Samples.Event("bufferStart", 12, T + 22_005),
        Samples.Event("play", 12, T + 25_005),
        Event("error", 15, T + 28_005, """ "params": {"media.errorId": "decode-7", "media.errorSource": "player"} """),
        Samples.Event("ping", 20, T + 33_005),
        Samples.Event("pauseStart", 20, T + 33_006),
        Samples.Event("play", 20, T + 38_006),
        Event("bitrateChange", 25, T + 43_006, """ "qoeData": {"media.qoe.bitrate": 3000} """),
        Samples.Event("chapterComplete", 30, T + 48_006),
        Event("stateEnd", 30, T + 48_007, """ "params": {"media.state.name": "fullscreen"} """),
        Samples.Event("sessionComplete", 35, T + 53_007)) + "]";

    [Fact]
    public async Task DownloadedSession_Timeline_ShowsWhereTimeWent_AndAddsUpToTheReport()
    {
        using var upload = await _server.PostJsonAsync("/api/v1/downloaded", WatchedSession());
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var sessionId = ServerInstance.SessionIdOf(upload);

        using var response = await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}/timeline");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var timeline = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        using var report = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));

        var root = timeline.RootElement;
        Assert.Equal(sessionId, root.GetProperty("sessionId").GetString());
        Assert.Equal("complete", root.GetProperty("close").GetString());
        Assert.Equal((T, T + 53_007), (root.GetProperty("firstTs").GetInt64(), root.GetProperty("lastTs").GetInt64()));

        // Where the time went, interval by interval.
        var states = root.GetProperty("states").EnumerateArray()
            .Select(s => (Start: s.GetProperty("start").GetInt64() - T, End: s.GetProperty("end").GetInt64() - T, State: s.GetProperty("state").GetString(),
                InBreak: s.GetProperty("inBreak").GetBoolean(), InAd: s.GetProperty("inAd").GetBoolean()))
            .ToList();
        Assert.Equal(
        [
            (0L, 1L, "starting", false, false),
            (1L, 2L, "starting", true, false),
            (2L, 10_002L, "playing", true, true),
            (10_002L, 10_003L, "playing", true, false),
            (10_003L, 10_004L, "starting", false, false),
            (10_004L, 22_005L, "playing", false, false),
            (22_005L, 25_005L, "buffering", false, false),
            (25_005L, 33_006L, "playing", false, false),
            (33_006L, 38_006L, "paused", false, false),
            (38_006L, 53_007L, "playing", false, false),
        ], states);

        // The sums a user would check against the session report.
        var metrics = report.RootElement.GetProperty("metrics");
        var qoe = metrics.GetProperty("qoe");
        double Seconds(Func<(long Start, long End, string? State, bool InBreak, bool InAd), bool> where) => states.Where(where).Sum(s => s.End - s.Start) / 1000.0;
        Assert.Equal(35.003, metrics.GetProperty("timePlayed").GetDouble());
        Assert.Equal(metrics.GetProperty("timePlayed").GetDouble(), Seconds(s => s.State == "playing" && !s.InBreak));
        Assert.Equal(metrics.GetProperty("totalTimePlayed").GetDouble() - metrics.GetProperty("timePlayed").GetDouble(), Seconds(s => s.State == "playing" && s.InAd), 9);
        Assert.Equal(metrics.GetProperty("pauseTime").GetDouble(), Seconds(s => s.State == "paused"));
        Assert.Equal(qoe.GetProperty("bufferTime").GetDouble(), Seconds(s => s.State == "buffering"));
        Assert.Equal(35.003, root.GetProperty("totals").GetProperty("timePlayed").GetDouble());

        var adBreak = Assert.Single(root.GetProperty("adBreaks").EnumerateArray());
        Assert.Equal((T + 1, T + 10_003, "pre-roll"), (adBreak.GetProperty("start").GetInt64(), adBreak.GetProperty("end").GetInt64(), adBreak.GetProperty("name").GetString()));
        var ad = Assert.Single(root.GetProperty("ads").EnumerateArray());
        Assert.Equal((T + 2, T + 10_002, "ad-1", "Launch ad", true, 10.0),
            (ad.GetProperty("start").GetInt64(), ad.GetProperty("end").GetInt64(), ad.GetProperty("adId").GetString(), ad.GetProperty("name").GetString(),
                ad.GetProperty("complete").GetBoolean(), ad.GetProperty("timePlayed").GetDouble()));
        var chapter = Assert.Single(root.GetProperty("chapters").EnumerateArray());
        Assert.Equal((T + 10_005, T + 48_006, 1, "Part one", true),
            (chapter.GetProperty("start").GetInt64(), chapter.GetProperty("end").GetInt64(), chapter.GetProperty("index").GetInt32(), chapter.GetProperty("name").GetString(),
                chapter.GetProperty("complete").GetBoolean()));
        var fullscreen = Assert.Single(root.GetProperty("playerStates").EnumerateArray());
        Assert.Equal(("fullscreen", T + 10_006, T + 48_007), (fullscreen.GetProperty("name").GetString(), fullscreen.GetProperty("start").GetInt64(), fullscreen.GetProperty("end").GetInt64()));

        Assert.Equal([(T + 10_004, 2000.0), (T + 22_004, 4000.0), (T + 43_006, 3000.0)],
            root.GetProperty("bitrate").EnumerateArray().Select(step => (step.GetProperty("ts").GetInt64(), step.GetProperty("value").GetDouble())));
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal((T + 28_005, 15.0, "decode-7", "player"),
            (error.GetProperty("ts").GetInt64(), error.GetProperty("playhead").GetDouble(), error.GetProperty("errorId").GetString(), error.GetProperty("source").GetString()));

        var playheads = root.GetProperty("playhead").EnumerateArray().Select(p => p.GetProperty("playhead").GetDouble()).ToList();
        Assert.Equal(21, playheads.Count);
        Assert.Equal(35, playheads[^1]);
        var events = root.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 21), events.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Equal("bufferStart", events[11].GetProperty("type").GetString());
        Assert.All(events, e => Assert.Equal(0, e.GetProperty("ignored").GetArrayLength()));
    }

    [Fact]
    public async Task OpenOnlineSession_Timeline_IsTheSessionSoFar()
    {
        var sessionId = await _server.StartSessionAsync(T);
        foreach (var json in new[] { Samples.Event("play", 0, T + 1000), Samples.Event("ping", 10, T + 11_000) })
        {
            using var posted = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", json);
            Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        }

        using var timeline = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}/timeline"));

        var root = timeline.RootElement;
        Assert.Equal("open", root.GetProperty("close").GetString());
        Assert.False(root.GetProperty("downloaded").GetBoolean());
        Assert.Equal(["starting", "playing"], root.GetProperty("states").EnumerateArray().Select(s => s.GetProperty("state").GetString()));
        Assert.Equal(T + 11_000, root.GetProperty("lastTs").GetInt64());
        Assert.Equal(10, root.GetProperty("totals").GetProperty("timePlayed").GetDouble());
    }

    [Theory]
    [InlineData("cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc")]
    [InlineData("not-a-session-id")]
    public async Task UnknownOrMalformedSession_Timeline_Returns404_TheSameProblemAsTheReport(string sessionId)
    {
        using var timeline = await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}/timeline");
        using var report = await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}");

        Assert.Equal(HttpStatusCode.NotFound, timeline.StatusCode);
        Assert.Equal("application/problem+json", timeline.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await report.Content.ReadAsStringAsync(), await timeline.Content.ReadAsStringAsync());
    }

    private static string Event(string eventType, double playhead, long ts, string members) =>
        $$"""{"eventType": "{{eventType}}", "playerTime": {"playhead": {{playhead}}, "ts": {{ts}}}, {{members}}}""";
}
