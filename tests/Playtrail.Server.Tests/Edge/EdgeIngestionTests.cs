using System.Net;
using System.Text.Json;
using Playtrail.Testing.Edge;

namespace Playtrail.Server.Tests.Edge;

public sealed class EdgeIngestionTests : IAsyncLifetime
{
    private ServerInstance _server = null!;
    private EdgeClient _edge = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync(EdgeClient.Settings);
        _edge = new EdgeClient(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AlloySessionStart_OnInteract_Answers200WithNewSessionLocationHintAndState()
    {
        using var response = await _edge.PostAsync("/ee/v1/interact", AlloyCapture.Seq(1).Body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await EdgeClient.ReadJsonAsync(response);
        Assert.Matches("^[0-9a-f]{64}$", EdgeClient.NewSessionId(answer));
        var handles = answer.GetProperty("handle").EnumerateArray().ToDictionary(h => h.GetProperty("type").GetString()!);
        Assert.Equal("pt1", handles["locationHint:result"].GetProperty("payload")[0].GetProperty("hint").GetString());
        var state = handles["state:store"].GetProperty("payload").EnumerateArray().ToDictionary(e => e.GetProperty("key").GetString()!);
        Assert.True(state["kndctr_0123456789ABCDEF01234567_AdobeOrg_identity"].GetProperty("value").GetString()!.Length > 0);
        Assert.Equal("pt1", state["kndctr_0123456789ABCDEF01234567_AdobeOrg_cluster"].GetProperty("value").GetString());
        Assert.Equal(1, _server.Count("sessions"));
    }

    [Fact]
    public async Task AlloyAutomaticSession_Replayed_IsStoredCompletedAndReported()
    {
        var (sessionId, statuses) = await _edge.ReplayAsync(AlloyCapture.Scenario("auto"));

        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.All(statuses.Skip(1), status => Assert.Equal(HttpStatusCode.NoContent, status));
        var report = await _edge.ReportAsync(sessionId);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal(20, report.GetProperty("eventCount").GetInt32());
        Assert.False(report.GetProperty("downloaded").GetBoolean());
        Assert.Equal(1796397773589, report.GetProperty("firstEventTs").GetInt64()); // 2026-12-04T15:22:53.589Z
        Assert.Equal("capture-video-1", report.GetProperty("media").GetProperty("id").GetString());
        Assert.Equal("Capture video one", report.GetProperty("media").GetProperty("name").GetString());
        var metrics = report.GetProperty("metrics");
        Assert.True(metrics.GetProperty("complete").GetBoolean());
        Assert.Equal(1, metrics.GetProperty("adCount").GetInt32());
        Assert.Equal(1, metrics.GetProperty("chapterCount").GetInt32());
        Assert.Equal(1, metrics.GetProperty("pauseCount").GetInt32());
        Assert.Equal(1, metrics.GetProperty("qoe").GetProperty("bufferCount").GetInt32());
        Assert.Equal(1, metrics.GetProperty("qoe").GetProperty("errorCount").GetInt32());
        Assert.Equal("ad-001", metrics.GetProperty("ads")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task AlloyManualSession_Replayed_EndsAndRefusesTheLatePlayWith404()
    {
        var requests = AlloyCapture.Scenario("manual");

        var (sessionId, statuses) = await _edge.ReplayAsync(requests);

        Assert.Equal(requests.Select(request => (HttpStatusCode)request.Status), statuses);
        var report = await _edge.ReportAsync(sessionId);
        Assert.Equal("ended", report.GetProperty("status").GetString());
        Assert.Equal(4, report.GetProperty("eventCount").GetInt32());
        Assert.Equal("capture-video-2", report.GetProperty("media").GetProperty("id").GetString());
    }

    [Fact]
    public async Task AlloyLegacyBridgeSession_Replayed_IsCompletedWithItsChapter()
    {
        var (sessionId, statuses) = await _edge.ReplayAsync(AlloyCapture.Scenario("legacy"));

        Assert.All(statuses.Skip(1), status => Assert.Equal(HttpStatusCode.NoContent, status));
        var report = await _edge.ReportAsync(sessionId);
        Assert.Equal("completed", report.GetProperty("status").GetString());
        Assert.Equal("legacy-video-3", report.GetProperty("media").GetProperty("id").GetString());
        Assert.Equal(1, report.GetProperty("metrics").GetProperty("chapterCount").GetInt32());
        Assert.Equal(1, report.GetProperty("metrics").GetProperty("pauseCount").GetInt32());
    }

    [Fact]
    public async Task EventOnAnEndedSession_Answers404InTheEdgeShape()
    {
        var (sessionId, _) = await _edge.ReplayAsync(AlloyCapture.Scenario("manual").Take(4));

        using var response = await _edge.PostAsync("/ee/pt1/va/v1/play", AlloyCapture.Seq(25).WithSessionId(sessionId));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await EdgeClient.ReadJsonAsync(response);
        Assert.Equal("https://ns.adobe.com/aep/errors/va-edge-0404-404", problem.GetProperty("type").GetString());
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task EventOnAnUnknownSession_Answers404()
    {
        using var response = await _edge.PostAsync("/ee/pt1/va/v1/play", AlloyCapture.Seq(2).WithSessionId(new string('a', 64)));
        using var malformed = await _edge.PostAsync("/ee/pt1/va/v1/play", AlloyCapture.Seq(2).WithSessionId("not-a-session"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task UnknownConfigId_IsAnsweredAsTheEdgeNetworkDoes_AndStoresNothing()
    {
        using var start = await _edge.PostAsync("/ee/v1/interact", AlloyCapture.Seq(1).Body, configId: "no-such-datastream");
        using var play = await _edge.PostAsync("/ee/va/v1/play", AlloyCapture.Seq(2).Body, configId: "no-such-datastream");

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, play.StatusCode);
        var problem = await EdgeClient.ReadJsonAsync(start);
        Assert.Equal("https://ns.adobe.com/aep/errors/EXEG-0003-400", problem.GetProperty("type").GetString());
        Assert.Equal("Invalid datastream ID", problem.GetProperty("title").GetString());
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task PageViewOnInteract_Answers200WithAnEmptyHandle_AndStoresNothing()
    {
        const string pageView = """
            {"events":[{"xdm":{"eventType":"web.webpagedetails.pageViews","timestamp":"2026-12-04T15:22:50.000Z",
              "web":{"webPageDetails":{"URL":"https://player.playtrail.test/","name":"home"}}}}],
             "meta":{"state":{"domain":"playtrail.test","cookiesEnabled":true}}}
            """;

        using var response = await _edge.PostAsync("/ee/v1/interact", pageView);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await EdgeClient.ReadJsonAsync(response);
        Assert.True(answer.GetProperty("requestId").GetString()!.Length > 0);
        Assert.Equal(0, answer.GetProperty("handle").GetArrayLength());
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task InvalidSessionStart_OnInteract_Answers207WithTheFieldAndRule_AndStoresNothing()
    {
        var body = AlloyCapture.Seq(21).Body.Replace("\"name\": \"capture-video-2\",", "", StringComparison.Ordinal);

        using var response = await _edge.PostAsync("/ee/v1/interact", body);

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        var answer = await EdgeClient.ReadJsonAsync(response);
        var error = Assert.Single(answer.GetProperty("errors").EnumerateArray());
        Assert.Equal("https://ns.adobe.com/aep/errors/va-edge-0400-400", error.GetProperty("type").GetString());
        Assert.Equal(0, error.GetProperty("report").GetProperty("eventIndex").GetInt32());
        Assert.Equal("$.xdm.mediaCollection.sessionDetails.name", error.GetProperty("report").GetProperty("details")[0].GetProperty("name").GetString());
        var detail = Assert.Single(error.GetProperty("errors").EnumerateArray());
        Assert.Equal("/events/0/xdm/mediaCollection/sessionDetails/name", detail.GetProperty("pointer").GetString());
        Assert.Equal("required", detail.GetProperty("rule").GetString());
        Assert.DoesNotContain(answer.GetProperty("handle").EnumerateArray(), h => h.GetProperty("type").GetString() == "media-analytics:new-session");
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task EventWithoutPlayhead_Answers400NamingTheXdmFieldByPointerAndRule()
    {
        var sessionId = EdgeClient.NewSessionId(await EdgeClient.ReadJsonAsync(await _edge.PostAsync("/ee/v1/interact", AlloyCapture.Seq(21).Body)));
        var body = AlloyCapture.Seq(22).WithSessionId(sessionId).Replace("\"playhead\": 0,", "", StringComparison.Ordinal);

        using var response = await _edge.PostAsync("/ee/pt1/va/v1/play", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var problem = await EdgeClient.ReadJsonAsync(response);
        Assert.Equal("https://ns.adobe.com/aep/errors/va-edge-0400-400", problem.GetProperty("type").GetString());
        Assert.Equal("$.events[0].xdm.mediaCollection.playhead", problem.GetProperty("report").GetProperty("details")[0].GetProperty("name").GetString());
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(("/events/0/xdm/mediaCollection/playhead", "required"), (error.GetProperty("pointer").GetString(), error.GetProperty("rule").GetString()));
        Assert.Equal(1, _server.Count("events"));
    }

    [Theory]
    [InlineData("{\"events\": [", "", "json")]
    [InlineData("{\"event\": []}", "/events", "required")]
    [InlineData("{\"events\": [{\"xdm\": {\"eventType\": \"media.play\"}}, {\"xdm\": {}}]}", "/events", "maxItems")]
    public async Task MalformedBody_Answers400WithPointerAndRule(string body, string pointer, string rule)
    {
        using var response = await _edge.PostAsync("/ee/va/v1/play", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EdgeClient.ReadJsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal((pointer, rule), (error.GetProperty("pointer").GetString(), error.GetProperty("rule").GetString()));
    }

    [Fact]
    public async Task EventSentToTheRouteOfAnotherType_Answers400Route()
    {
        var sessionId = EdgeClient.NewSessionId(await EdgeClient.ReadJsonAsync(await _edge.PostAsync("/ee/v1/interact", AlloyCapture.Seq(21).Body)));

        using var response = await _edge.PostAsync("/ee/pt1/va/v1/pauseStart", AlloyCapture.Seq(22).WithSessionId(sessionId));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await EdgeClient.ReadJsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal(("/events/0/xdm/eventType", "route"), (error.GetProperty("pointer").GetString(), error.GetProperty("rule").GetString()));
    }

    [Theory]
    [InlineData("/ee/va/v1/stateStart")]
    [InlineData("/ee/va/v1/nothing")]
    public async Task UnknownMediaAction_Answers404(string path)
    {
        using var response = await _edge.PostAsync(path, AlloyCapture.Seq(2).Body);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("https://ns.adobe.com/aep/errors/va-edge-0404-404", (await EdgeClient.ReadJsonAsync(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task IdentityCookie_TheClientHolds_IsKept()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/ee/v1/interact?configId={AlloyCapture.ConfigId}")
        {
            Content = new StringContent(AlloyCapture.Seq(21).Body),
        };
        request.Headers.Add("Cookie", "kndctr_0123456789ABCDEF01234567_AdobeOrg_identity=KEPT-IDENTITY");

        using var response = await _server.Client.SendAsync(request);

        var state = (await EdgeClient.ReadJsonAsync(response)).GetProperty("handle").EnumerateArray()
            .Single(h => h.GetProperty("type").GetString() == "state:store").GetProperty("payload")[0];
        Assert.Equal("KEPT-IDENTITY", state.GetProperty("value").GetString());
    }
}
