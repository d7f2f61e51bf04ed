using System.Net;
using System.Text.Json.Nodes;

namespace Playtrail.Server.Tests.Edge;

public sealed class EdgeDownloadedTests : IAsyncLifetime
{
    /// <summary>A downloaded session in the shape of the Media Edge API's downloaded example: start, play, ping, complete.</summary>
    private const string Session = """
        {"events": [{"xdm": {"eventType": "media.downloaded", "timestamp": "2026-12-05T10:00:40Z",
          "identityMap": {"ECID": [{"id": "ecid-offline-1", "primary": true}]},
          "mediaDownloadedEvents": [
            {"mediaEventTimestamp": "2026-12-05T10:00:00+00:00", "mediaEventType": "media.sessionStart",
             "mediaCollection": {"playhead": 0, "sessionDetails": {"name": "offline-1", "friendlyName": "Offline one", "playerName": "sample-player",
               "contentType": "VOD", "length": 30, "channel": "sample-channel"}}},
            {"mediaEventTimestamp": "2026-12-05T10:00:01+00:00", "mediaEventType": "media.play", "mediaCollection": {"playhead": 0}},
            {"mediaEventTimestamp": "2026-12-05T10:00:11+00:00", "mediaEventType": "media.ping", "mediaCollection": {"playhead": 10}},
            {"mediaEventTimestamp": "2026-12-05T10:00:31+00:00", "mediaEventType": "media.sessionComplete", "mediaCollection": {"playhead": 30}}
          ]}}]}
        """;

    private ServerInstance _server = null!;
    private EdgeClient _edge = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync(EdgeClient.Settings);
        _edge = new EdgeClient(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DownloadedSession_IsStoredAsDownloaded_AndProcessedAtOnce()
    {
        using var response = await _edge.PostAsync("/ee/va/v1/downloaded", Session, contentType: "application/json", origin: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessionId = EdgeClient.NewSessionId(await EdgeClient.ReadJsonAsync(response));
        var report = await _edge.ReportAsync(sessionId);
        Assert.True(report.GetProperty("downloaded").GetBoolean());
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal(4, report.GetProperty("eventCount").GetInt32());
        Assert.Equal(1796464800000, report.GetProperty("firstEventTs").GetInt64()); // 2026-12-05T10:00:00Z
        Assert.Equal("offline-1", report.GetProperty("media").GetProperty("id").GetString());
        // Played from 10:00:01 to 10:00:31.
        Assert.Equal(30, report.GetProperty("metrics").GetProperty("timePlayed").GetDouble(), 3);
        Assert.True(report.GetProperty("metrics").GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task SameDownloadedUpload_Repeated_AnswersTheSameSession_AndStoresItOnce()
    {
        using var first = await _edge.PostAsync("/ee/va/v1/downloaded", Session);
        using var again = await _edge.PostAsync("/ee/va/v1/downloaded", Session);

        Assert.Equal(EdgeClient.NewSessionId(await EdgeClient.ReadJsonAsync(first)), EdgeClient.NewSessionId(await EdgeClient.ReadJsonAsync(again)));
        Assert.Equal(1, _server.Count("sessions"));
    }

    [Fact]
    public async Task DownloadedSession_NotStartingWithSessionStart_Is207NamingTheElement_AndStoresNothing()
    {
        var node = JsonNode.Parse(Session)!;
        node["events"]![0]!["xdm"]!["mediaDownloadedEvents"]!.AsArray().RemoveAt(0);

        using var response = await _edge.PostAsync("/ee/va/v1/downloaded", node.ToJsonString());

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var error = (await EdgeClient.ReadJsonAsync(response)).GetProperty("errors")[0].GetProperty("errors")[0];
        Assert.Equal("/events/0/xdm/mediaDownloadedEvents/0/mediaEventType", error.GetProperty("pointer").GetString());
        Assert.Equal("firstEvent", error.GetProperty("rule").GetString());
        Assert.Equal(0, _server.Count("sessions"));
    }
}
