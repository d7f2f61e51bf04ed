using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Playtrail.Testing.Edge;

namespace Playtrail.Server.Tests.Edge;

/// <summary>
/// One viewing, sent once by the real alloy's Edge requests and once as the Media Collection calls a player
/// would make for it (written by hand below), must give the same report and the same analytics calls.
/// </summary>
public sealed class EdgeEquivalenceTests : IAsyncLifetime
{
    private const string Qoe2000 = """{"media.qoe.bitrate": 2000, "media.qoe.droppedFrames": 0, "media.qoe.framesPerSecond": 30, "media.qoe.timeToStart": 2}""";
    private const string Qoe4000 = """{"media.qoe.bitrate": 4000, "media.qoe.droppedFrames": 0, "media.qoe.framesPerSecond": 30, "media.qoe.timeToStart": 2}""";

    /// <summary>The alloy automatic-mode viewing (capture requests 1 to 20) as Media Collection events.</summary>
    private static readonly string[] CollectionApiCalls =
    [
        $$"""
        {"eventType": "sessionStart", "playerTime": {"playhead": 0, "ts": 1796397773589},
         "params": {"analytics.trackingServer": "capture.sc.omtrdc.net", "analytics.reportSuite": "capturersid",
           "visitor.marketingCloudOrgId": "0123456789ABCDEF01234567@AdobeOrg",
           "media.id": "capture-video-1", "media.name": "Capture video one", "media.length": 120, "media.contentType": "VOD",
           "media.streamType": "video", "media.playerName": "playtrail-capture-player", "media.channel": "playtrail-channel",
           "media.sdkVersion": "capture-1.0", "media.show": "Capture Show", "media.season": "1", "media.episode": "3",
           "media.genre": "Test", "media.resume": false},
         "customMetadata": {"cm.campaign": "spring"}, "qoeData": {{Qoe2000}}}
        """,
        Event("play", 0, 1796397773753, Qoe2000),
        Event("ping", 10, 1796397783785, Qoe2000),
        Event("adBreakStart", 11, 1796397784589, Qoe2000,
            """ "params": {"media.ad.podIndex": 1, "media.ad.podSecond": 11, "media.ad.podFriendlyName": "mid-roll"} """),
        Event("adStart", 11, 1796397784614, Qoe2000,
            """
             "params": {"media.ad.id": "ad-001", "media.ad.name": "Ad one", "media.ad.length": 15, "media.ad.podPosition": 1,
               "media.ad.playerName": "playtrail-capture-player", "media.ad.advertiser": "ACME", "media.ad.campaignId": "camp-9",
               "media.ad.creativeId": "cr-7"},
             "customMetadata": {"ad.custom": "x"}
            """),
        Event("ping", 11, 1796397785640, Qoe2000),
        Event("ping", 11, 1796397786659, Qoe2000),
        Event("adComplete", 11, 1796397787243, Qoe2000),
        Event("adBreakComplete", 11, 1796397787260, Qoe2000),
        Event("play", 11, 1796397787277, Qoe2000),
        Event("chapterStart", 11, 1796397787292, Qoe2000,
            """ "params": {"media.chapter.index": 1, "media.chapter.offset": 11, "media.chapter.length": 60, "media.chapter.friendlyName": "Chapter one"} """),
        Event("bitrateChange", 11, 1796397787305, Qoe4000),
        Event("bufferStart", 11, 1796397787328, Qoe4000),
        Event("play", 11, 1796397787644, Qoe4000),
        Event("pauseStart", 12, 1796397788864, Qoe4000),
        Event("play", 12, 1796397789185, Qoe4000),
        Event("statesUpdate", 12, 1796397789204, Qoe4000,
            """ "params": {"statesStart": [{"media.state.name": "fullscreen"}], "statesEnd": [{"media.state.name": "mute"}]} """),
        Event("error", 12, 1796397789218, Qoe4000, """ "params": {"media.errorId": "E42", "media.errorSource": "player"} """),
        Event("chapterComplete", 12, 1796397789234, Qoe4000),
        Event("sessionComplete", 12, 1796397789251, Qoe4000),
    ];

    private ServerInstance _server = null!;
    private EdgeClient _edge = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync(EdgeClient.Settings);
        _edge = new EdgeClient(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SameViewing_AsEdgeRequestsAndAsCollectionApiCalls_GivesTheSameReportAndCalls()
    {
        var (edgeSession, _) = await _edge.ReplayAsync(AlloyCapture.Scenario("auto"));
        var collectionSession = await SendAsCollectionApiAsync();

        var edgeReport = JsonNode.Parse((await _edge.ReportAsync(edgeSession)).GetRawText())!;
        var collectionReport = JsonNode.Parse((await _edge.ReportAsync(collectionSession)).GetRawText())!;
        foreach (var field in (string[])["status", "downloaded", "firstEventTs", "lastEventTs", "eventCount", "ignoredEvents", "media", "metrics"])
        {
            Assert.True(JsonNode.DeepEquals(collectionReport[field], edgeReport[field]),
                $"{field} differs:\nEdge: {edgeReport[field]?.ToJsonString()}\nMedia Collection: {collectionReport[field]?.ToJsonString()}");
        }

        var edgeCalls = (await _edge.CallsAsync(edgeSession)).EnumerateArray().ToList();
        var collectionCalls = (await _edge.CallsAsync(collectionSession)).EnumerateArray().ToList();
        Assert.Equal(collectionCalls.Select(call => call.GetProperty("type").GetString()), edgeCalls.Select(call => call.GetProperty("type").GetString()));
        for (var i = 0; i < edgeCalls.Count; i++)
        {
            var expected = WithoutSessionIds(collectionCalls[i].GetProperty("contextData"), collectionSession);
            var actual = WithoutSessionIds(edgeCalls[i].GetProperty("contextData"), edgeSession);
            Assert.True(JsonNode.DeepEquals(expected, actual), $"call {i} differs:\nEdge: {actual.ToJsonString()}\nMedia Collection: {expected.ToJsonString()}");
        }

        // The viewing itself, worked out by hand from the captured timestamps: main content plays from 53.753 to the
        // ad break at 04.589 (10.836 s), from the break's end at 07.260 to the buffer at 07.328 (0.068 s), from 07.644
        // to the pause at 08.864 (1.220 s) and from 09.185 to the end at 09.251 (0.066 s); the ad plays 04.614 to 07.243.
        var metrics = edgeReport["metrics"]!;
        Assert.Equal(12.19, (double)metrics["timePlayed"]!, 3);
        Assert.Equal(0.321, (double)metrics["pauseTime"]!, 3);
        Assert.Equal(0.316, (double)metrics["qoe"]!["bufferTime"]!, 3);
        Assert.Equal(2.629, (double)metrics["ads"]![0]!["timePlayed"]!, 3);
        Assert.Equal(1, (int)metrics["chapterCount"]!);
    }

    private async Task<string> SendAsCollectionApiAsync()
    {
        using var start = await _server.PostJsonAsync("/api/v1/sessions", CollectionApiCalls[0]);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var sessionId = ServerInstance.SessionIdOf(start);
        foreach (var call in CollectionApiCalls.Skip(1))
        {
            using var response = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", call);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        return sessionId;
    }

    /// <summary>The context data with any value naming the session itself left out (each path has its own id).</summary>
    private static JsonObject WithoutSessionIds(JsonElement contextData, string sessionId)
    {
        var copy = JsonNode.Parse(contextData.GetRawText())!.AsObject();
        foreach (var key in copy.Where(pair => pair.Value?.GetValueKind() == JsonValueKind.String && (string?)pair.Value == sessionId)
                     .Select(pair => pair.Key).ToList())
        {
            copy.Remove(key);
        }

        return copy;
    }

    private static string Event(string type, double playhead, long ts, string qoe, string? extra = null) =>
        $$"""{"eventType": "{{type}}", "playerTime": {"playhead": {{playhead.ToString(CultureInfo.InvariantCulture)}}, "ts": {{ts}}}, "qoeData": {{qoe}}{{(extra is null ? "" : ", " + extra)}}}""";
}
