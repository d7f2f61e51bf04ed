using System.Globalization;
using System.Net;
using System.Text.Json;
using Playtrail.Server.Tests.Edge;

namespace Playtrail.Server.Tests.Privacy;

/// <summary>A Media Edge session is found by the ECID of its request's identity map, like any other session by its Experience Cloud id.</summary>
public sealed class EdgeVisitorDeletionTests : IAsyncLifetime
{
    private const string Key = "privacy-edge-tests-key-0123456789abcdef";
    private const string Ecid = "ecid-mobile-privacy-0001";
    private const long Start = 1796464800000; // 2026-12-05T10:00:00Z

    private ServerInstance _server = null!;
    private EdgeClient _edge = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync([.. EdgeClient.Settings, $"Reporting:ApiKeys:0={Key}"]);
        _edge = new EdgeClient(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Delete_ByTheEcidOfAMobileEdgeSession_RemovesIt_AndItsNextEventIsNotFound()
    {
        using var start = await _edge.PostAsync("/ee/va/v1/sessionStart", Body(SessionStart(Start)), contentType: "application/json", origin: null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var raw = await start.Content.ReadAsStringAsync();
        var sessionId = EdgeClient.NewSessionId(JsonDocument.Parse(raw[1..^1]).RootElement);
        using (var play = await _edge.PostAsync("/ee/va/v1/play", Body(Media("play", 0, Start + 1_000, sessionId)), contentType: "application/json", origin: null))
        {
            Assert.Equal(HttpStatusCode.NoContent, play.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/privacy/visitors/{Ecid}");
        request.Headers.Authorization = new("Bearer", Key);
        using var deleted = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var body = JsonDocument.Parse(await deleted.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("sessionsDeleted").GetInt32());
        Assert.Equal(2, body.RootElement.GetProperty("eventsDeleted").GetInt64());
        Assert.Equal(0, _server.Count("sessions"));
        Assert.Equal(0, _server.Count("events"));
        using var ping = await _edge.PostAsync("/ee/va/v1/ping", Body(Media("ping", 10, Start + 11_000, sessionId)), contentType: "application/json", origin: null);
        Assert.Equal(HttpStatusCode.NotFound, ping.StatusCode);
    }

    private static string SessionStart(long ts) => $$$"""
        {"_id": "7c0f5a3e-0d4a-4c1f-9a0e-6f1d2b7c8e01", "timestamp": "{{{Iso(ts)}}}", "eventType": "media.sessionStart",
         "mediaCollection": {"playhead": 0, "sessionDetails": {"name": "mobile-1", "friendlyName": "Mobile one", "length": 60,
           "contentType": "vod", "streamType": "video", "playerName": "mobile-player", "channel": "mobile-channel", "appVersion": "app-2.1",
           "hasResume": false} } }
        """;

    private static string Media(string type, int playhead, long ts, string sessionId) => $$$"""
        {"_id": "{{{Guid.NewGuid()}}}", "timestamp": "{{{Iso(ts)}}}", "eventType": "media.{{{type}}}",
         "mediaCollection": {"playhead": {{{playhead}}}, "sessionID": "{{{sessionId}}}"} }
        """;

    private static string Body(string xdm) => $$$"""
        {"xdm": {"identityMap": {"ECID": [{"id": "{{{Ecid}}}", "authenticatedState": "ambiguous", "primary": false}]},
                 "implementationDetails": {"name": "https://ns.adobe.com/experience/mobilesdk/android", "version": "3.0.0+1.0.0", "environment": "app"}},
         "events": [{"xdm": {{{xdm}}}}],
         "meta": {"konductorConfig": {"streaming": {"enabled": true, "recordSeparator": "\u0000", "lineFeed": "\n"} } } }
        """;

    private static string Iso(long ts) => DateTimeOffset.FromUnixTimeMilliseconds(ts).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
