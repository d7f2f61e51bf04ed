using System.Net;
using System.Text.Json;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Ingestion;

public sealed class DownloadedIngestionTests : IAsyncLifetime
{
    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/sessions")]
    [InlineData("/api/v1/downloaded")]
    public async Task SeedSample_IsAccepted_WithLocationAndStoredWhole(string route)
    {
        using var response = await _server.PostJsonAsync(route, Samples.SeedDownloaded());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sessionId = ServerInstance.SessionIdOf(response);
        Assert.Matches("^[0-9a-f]{64}$", sessionId);
        using var report = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
        var root = report.RootElement;
        Assert.True(root.GetProperty("downloaded").GetBoolean());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.Equal(6, root.GetProperty("eventCount").GetInt32());
        Assert.Equal(1529997923478, root.GetProperty("firstEventTs").GetInt64());
        Assert.Equal(1529997960559, root.GetProperty("lastEventTs").GetInt64());
        Assert.Equal("movie-42", root.GetProperty("media").GetProperty("id").GetString());
    }

    [Fact]
    public async Task SeedSample_WithoutDownloadedFlag_OnLegacyRoute_Returns400AndLeavesDatabaseUntouched()
    {
        var before = _server.Fingerprint();

        using var response = await _server.PostJsonAsync("/api/v1/sessions", Samples.SeedDownloaded(withDownloadedFlag: false));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await ProblemErrors(response));
        Assert.Equal("/0/params/media.downloaded", error.Pointer);
        Assert.Equal("downloadedRequired", error.Rule);
        Assert.Equal(0, _server.Count("sessions"));
        Assert.Equal(0, _server.Count("events"));
        Assert.Equal(before, _server.Fingerprint());
    }

    [Fact]
    public async Task SeedSample_WithoutDownloadedFlag_OnDownloadedRoute_IsAccepted()
    {
        using var response = await _server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded(withDownloadedFlag: false));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
    }

    [Fact]
    public async Task Array_WhoseFirstElementIsNotSessionStart_Returns400()
    {
        var json = "[" + Samples.Event("play", 0, 1000) + "," + Samples.SessionStart(999, downloaded: true) + "]";

        using var response = await _server.PostJsonAsync("/api/v1/sessions", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ProblemErrors(response);
        Assert.Contains(errors, e => e.Pointer == "/0/eventType" && e.Rule == "firstEvent");
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task Array_WithOneBadElementAmongHundreds_Returns400PointingAtIt_AndStoresNothing()
    {
        var events = JsonSerializer.Deserialize<List<JsonElement>>(Samples.LongDownloaded(600))!;
        var json = JsonSerializer.Serialize(events.Select((e, i) => i == 417
            ? JsonDocument.Parse("""{"eventType": "ping", "playerTime": {"playhead": "4170", "ts": 1529998000000}}""").RootElement
            : e));
        var before = _server.Fingerprint();

        using var response = await _server.PostJsonAsync("/api/v1/downloaded", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await ProblemErrors(response));
        Assert.Equal("/417/playerTime/playhead", error.Pointer);
        Assert.Equal("type", error.Rule);
        Assert.Equal(0, _server.Count("events"));
        Assert.Equal(before, _server.Fingerprint());
    }

    [Fact]
    public async Task RetriedUpload_WithSameIdempotencyKey_ReturnsSameLocation_AndStoresOneSession()
    {
        var body = Samples.SeedDownloaded();

        using var first = await _server.PostJsonAsync("/api/v1/downloaded", body, idempotencyKey: "upload-7f3a");
        using var second = await _server.PostJsonAsync("/api/v1/downloaded", body, idempotencyKey: "upload-7f3a");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, _server.Count("sessions"));
        Assert.Equal(6, _server.Count("events"));
    }

    [Fact]
    public async Task RetriedUpload_WithoutKey_ButIdenticalBody_StoresOneSession()
    {
        var body = Samples.SeedDownloaded();

        using var first = await _server.PostJsonAsync("/api/v1/sessions", body);
        using var second = await _server.PostJsonAsync("/api/v1/sessions", body);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, _server.Count("sessions"));
    }

    [Fact]
    public async Task ConcurrentRetries_OfOneUpload_StoreOneSession()
    {
        var body = Samples.LongDownloaded(50);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _server.PostJsonAsync("/api/v1/downloaded", body, "same-key")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, _server.Count("sessions"));
        Assert.Equal(50, _server.Count("events"));
    }

    [Fact]
    public async Task IdempotencyKey_ReusedForADifferentSession_Returns422AndStoresNothingNew()
    {
        using var first = await _server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded(), "key-1");
        using var second = await _server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(10), "key-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Equal(1, _server.Count("sessions"));
    }

    [Fact]
    public async Task ObjectOnDownloadedRoute_Returns400()
    {
        using var response = await _server.PostJsonAsync("/api/v1/downloaded", Samples.SessionStart(1000, downloaded: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("type", Assert.Single(await ProblemErrors(response)).Rule);
    }

    internal static async Task<List<ProblemError>> ProblemErrors(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, document.RootElement.GetProperty("status").GetInt32());
        return document.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => new ProblemError(e.GetProperty("pointer").GetString()!, e.GetProperty("rule").GetString()!, e.GetProperty("message").GetString()!))
            .ToList();
    }
}

internal sealed record ProblemError(string Pointer, string Rule, string Message);
