using System.Net;
using System.Text.Json;
using Playtrail.Testing;
using static Playtrail.Server.Tests.Ingestion.DownloadedIngestionTests;

namespace Playtrail.Server.Tests.Ingestion;

public sealed class OnlineIngestionTests : IAsyncLifetime
{
    private ServerInstance _server = null!;

    // One test sends 40 session starts at once: on a slow machine that burst must not be shed (the shedding rules have
    // tests of their own in Admission/).
    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync("Ingestion:Admission:Enabled=false");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SessionStart_Returns201_WithRelativeLocationOfAHexId()
    {
        using var response = await _server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(1_700_000_000_000));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Location!.IsAbsoluteUri);
        Assert.Matches("^/api/v1/sessions/[0-9a-f]{64}$", response.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task LiveSessionStart_WithDownloadedTrue_Returns400()
    {
        using var response = await _server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(1_700_000_000_000, downloaded: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await ProblemErrors(response));
        Assert.Equal("/params/media.downloaded", error.Pointer);
        Assert.Equal("downloadedOnLive", error.Rule);
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task Events_AreStoredInArrivalOrder_AsSent()
    {
        var sessionId = await _server.StartSessionAsync(1_000);
        string[] events = [Samples.Event("play", 0, 2_000), Samples.Event("ping", 10, 12_000), Samples.Event("pauseStart", 12, 14_000)];

        foreach (var json in events)
        {
            using var response = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", json);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using var report = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
        Assert.Equal(4, report.RootElement.GetProperty("eventCount").GetInt32());
        Assert.Equal("active", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(14_000, report.RootElement.GetProperty("lastEventTs").GetInt64());
    }

    [Fact]
    public async Task Event_OnUnknownSession_Returns404()
    {
        var unknown = new string('a', 64);

        using var response = await _server.PostJsonAsync($"/api/v1/sessions/{unknown}/events", Samples.Event("play", 0, 1));
        using var malformed = await _server.PostJsonAsync("/api/v1/sessions/not-an-id/events", Samples.Event("play", 0, 1));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Theory]
    [InlineData("sessionEnd")]
    [InlineData("sessionComplete")]
    public async Task Event_AfterSessionClosed_Returns410_AndIsNotStored(string closingEvent)
    {
        var sessionId = await _server.StartSessionAsync(1_000);
        using var close = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event(closingEvent, 5, 6_000));
        Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);

        using var late = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("ping", 10, 16_000));
        using var secondEnd = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("sessionEnd", 10, 17_000));

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, secondEnd.StatusCode);
        Assert.Equal(2, _server.Count("events"));
    }

    [Fact]
    public async Task Ping_WithParams_Returns400()
    {
        var sessionId = await _server.StartSessionAsync();
        var ping = """{"eventType": "ping", "playerTime": {"playhead": 1, "ts": 1700000001000}, "params": {}}""";

        using var response = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", ping);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await ProblemErrors(response));
        Assert.Equal(("/params", "forbidden"), (error.Pointer, error.Rule));
    }

    [Theory]
    [InlineData("""{"cms.rating": 5}""", "/customMetadata/cms.rating", "type")]
    [InlineData("""{"bad key!": "x"}""", "/customMetadata/bad key!", "pattern")]
    public async Task CustomMetadata_WithNumberValueOrBadKey_Returns400(string metadata, string pointer, string rule)
    {
        var json = Samples.SessionStart(1_000).Replace("""{"cms.section": "films"}""", metadata, StringComparison.Ordinal);

        using var response = await _server.PostJsonAsync("/api/v1/sessions", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await ProblemErrors(response));
        Assert.Equal((pointer, rule), (error.Pointer, error.Rule));
    }

    [Theory]
    [InlineData("sessionStart", "media.length", "\"long\"")]
    [InlineData("sessionStart", "media.id", null)]
    [InlineData("adBreakStart", "media.ad.podIndex", "\"0\"")]
    [InlineData("adBreakStart", "media.ad.podSecond", null)]
    [InlineData("adStart", "media.ad.id", "7")]
    [InlineData("adStart", "media.ad.podPosition", null)]
    [InlineData("chapterStart", "media.chapter.offset", "\"0\"")]
    [InlineData("chapterStart", "media.chapter.length", null)]
    [InlineData("stateStart", "media.state.name", "true")]
    [InlineData("stateStart", "media.state.name", null)]
    public async Task RequiredParam_MissingOrOfWrongType_Returns400NamingIt(string eventType, string key, string? wrongValue)
    {
        var sessionId = await _server.StartSessionAsync();
        var parameters = ValidParams(eventType);
        if (wrongValue is null)
        {
            parameters.Remove(key);
        }
        else
        {
            parameters[key] = JsonDocument.Parse(wrongValue).RootElement;
        }

        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["eventType"] = eventType,
            ["playerTime"] = new Dictionary<string, object> { ["playhead"] = 0, ["ts"] = 1_700_000_001_000 },
            ["params"] = parameters,
        });
        var path = eventType == "sessionStart" ? "/api/v1/sessions" : $"/api/v1/sessions/{sessionId}/events";

        using var response = await _server.PostJsonAsync(path, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await ProblemErrors(response));
        Assert.Equal("/params/" + key, error.Pointer);
        Assert.Equal(wrongValue is null ? "required" : "type", error.Rule);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonElement> ValidParams(string eventType)
    {
        var json = eventType switch
        {
            "sessionStart" => "{" + Samples.SessionStartParams + "}",
            "adBreakStart" => """{"media.ad.podIndex": 0, "media.ad.podSecond": 0, "media.ad.podFriendlyName": "pre-roll"}""",
            "adStart" => """{"media.ad.id": "ad-1", "media.ad.length": 15, "media.ad.podPosition": 1, "media.ad.playerName": "p"}""",
            "chapterStart" => """{"media.chapter.index": 1, "media.chapter.offset": 0, "media.chapter.length": 20}""",
            "stateStart" => """{"media.state.name": "fullscreen"}""",
            _ => throw new ArgumentOutOfRangeException(nameof(eventType)),
        };
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
    }

    [Fact]
    public async Task ManyConcurrentSessions_AllEventsAreStored()
    {
        var sessions = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _server.StartSessionAsync(1_000 + i)));

        var responses = await Task.WhenAll(sessions.SelectMany(sid => Enumerable.Range(1, 10).Select(n =>
            _server.PostJsonAsync($"/api/v1/sessions/{sid}/events", Samples.Event("ping", n * 10, 1_000 + (n * 10_000))))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(40, _server.Count("sessions"));
        Assert.Equal(40 * 11, _server.Count("events"));
    }
}
