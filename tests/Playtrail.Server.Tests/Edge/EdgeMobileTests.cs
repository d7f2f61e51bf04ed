using System.Net;
using System.Text.Json;

namespace Playtrail.Server.Tests.Edge;

/// <summary>
/// Requests in the shape the AEP Edge mobile SDKs send. Paths and bodies follow aepsdk-edgemedia-android
/// (<c>XDMMediaEvent.serializeToXDM</c>: every event, sessionStart included, on <c>/va/v1/{eventType}</c>) and
/// aepsdk-edge-android (<c>RequestBuilder</c>: request-level <c>xdm.identityMap</c> and
/// <c>meta.konductorConfig.streaming</c>; <c>EdgeNetworkService.handleStreamingResponse</c> reads the answer as
/// records, each the separator, a JSON object and a line feed).
/// </summary>
public sealed class EdgeMobileTests : IAsyncLifetime
{
    private const long Start = 1796464800000; // 2026-12-05T10:00:00Z

    private ServerInstance _server = null!;
    private EdgeClient _edge = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync(EdgeClient.Settings);
        _edge = new EdgeClient(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task MobileSession_StartedOnVaRoute_IsAnsweredAsStreamedRecords_AndReported()
    {
        using var start = await _edge.PostAsync("/ee/va/v1/sessionStart", Body(SessionStart(Start)), contentType: "application/json", origin: null);

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var raw = await start.Content.ReadAsStringAsync();
        Assert.StartsWith("\u0000{", raw, StringComparison.Ordinal);
        Assert.EndsWith("}\n", raw, StringComparison.Ordinal);
        var sessionId = EdgeClient.NewSessionId(JsonDocument.Parse(raw[1..^1]).RootElement);

        (string Action, string Json)[] events =
        [
            ("play", Media("play", 0, Start + 1_000, sessionId)),
            ("ping", Media("ping", 10, Start + 11_000, sessionId)),
            ("pauseStart", Media("pauseStart", 15, Start + 16_000, sessionId)),
            ("play", Media("play", 15, Start + 20_000, sessionId)),
            ("sessionEnd", Media("sessionEnd", 20, Start + 25_000, sessionId)),
        ];
        foreach (var (action, json) in events)
        {
            using var response = await _edge.PostAsync($"/ee/or2/va/v1/{action}", Body(json), contentType: "application/json", origin: null);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var report = await _edge.ReportAsync(sessionId);
        Assert.Equal("ended", report.GetProperty("status").GetString());
        Assert.Equal("mobile-1", report.GetProperty("media").GetProperty("id").GetString());
        // Played 10:00:01 to the pause at 10:00:16, then 10:00:20 to the end at 10:00:25.
        Assert.Equal(20, report.GetProperty("metrics").GetProperty("timePlayed").GetDouble(), 3);
        Assert.Equal(4, report.GetProperty("metrics").GetProperty("pauseTime").GetDouble(), 3);
    }

    [Fact]
    public async Task InvalidMobileSessionStart_Is207_AsAStreamedRecord()
    {
        var invalid = SessionStart(Start).Replace("\"channel\": \"mobile-channel\",", "", StringComparison.Ordinal);

        using var response = await _edge.PostAsync("/ee/va/v1/sessionStart", Body(invalid), contentType: "application/json", origin: null);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("\u0000", raw, StringComparison.Ordinal);
        var error = JsonDocument.Parse(raw[1..^1]).RootElement.GetProperty("errors")[0];
        Assert.Equal("https://ns.adobe.com/aep/errors/va-edge-0400-400", error.GetProperty("type").GetString());
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.Equal("$.xdm.mediaCollection.sessionDetails.channel", error.GetProperty("report").GetProperty("details")[0].GetProperty("name").GetString());
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task ErrorAnswer_IsPlainJson_EvenWhenStreamingIsAsked()
    {
        using var response = await _edge.PostAsync("/ee/va/v1/play", Body(Media("play", 0, Start, new string('b', 64))), contentType: "application/json", origin: null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("{", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string SessionStart(long ts) => $$$"""
        {"_id": "6b9f5a3e-0d4a-4c1f-9a0e-6f1d2b7c8e01", "timestamp": "{{{Iso(ts)}}}", "eventType": "media.sessionStart",
         "mediaCollection": {"playhead": 0, "sessionDetails": {"name": "mobile-1", "friendlyName": "Mobile one", "length": 60,
           "contentType": "vod", "streamType": "video", "playerName": "mobile-player", "channel": "mobile-channel", "appVersion": "app-2.1",
           "hasResume": false} } }
        """;

    private static string Media(string type, int playhead, long ts, string sessionId) => $$$"""
        {"_id": "{{{Guid.NewGuid()}}}", "timestamp": "{{{Iso(ts)}}}", "eventType": "media.{{{type}}}",
         "mediaCollection": {"playhead": {{{playhead}}}, "sessionID": "{{{sessionId}}}"} }
        """;

    private static string Body(string xdm) => $$$"""
        {"xdm": {"identityMap": {"ECID": [{"id": "ecid-mobile-0001", "authenticatedState": "ambiguous", "primary": false}]},
                 "implementationDetails": {"name": "https://ns.adobe.com/experience/mobilesdk/android", "version": "3.0.0+1.0.0", "environment": "app"}},
         "events": [{"xdm": {{{xdm}}}}],
         "meta": {"konductorConfig": {"streaming": {"enabled": true, "recordSeparator": "\u0000", "lineFeed": "\n"} } } }
        """;

    private static string Iso(long ts) => DateTimeOffset.FromUnixTimeMilliseconds(ts).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
