using System.Net;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Ingestion;

/// <summary>Payloads as real clients and the API's own timelines send them are accepted over HTTP.</summary>
public sealed class RealClientPayloadTests : IAsyncLifetime
{
    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TimelineEvents_PostedOneByOne_AreEachAccepted_UntilTheSessionCompletes()
    {
        using var start = await _server.PostJsonAsync("/api/v1/sessions", TimelineExamples.SessionStart);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var sessionId = ServerInstance.SessionIdOf(start);

        var statuses = new List<(string Name, HttpStatusCode Status)>();
        foreach (var (name, json) in TimelineExamples.SessionEvents)
        {
            using var response = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", json);
            statuses.Add((name, response.StatusCode));
        }

        // Everything is accepted; the sessionEnd after sessionComplete finds the session already closed.
        Assert.All(statuses.SkipLast(1), s => Assert.Equal((s.Name, HttpStatusCode.NoContent), s));
        Assert.Equal((nameof(TimelineExamples.SessionEnd), HttpStatusCode.Gone), statuses[^1]);
    }

    [Fact]
    public async Task TimelineEvents_AsOneDownloadedArray_AreAccepted()
    {
        using var response = await _server.PostJsonAsync("/api/v1/downloaded", TimelineExamples.AsDownloadedArray());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(TimelineExamples.All.Count, _server.Count("events"));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("\"9\"")]
    public async Task SessionStart_WithEveryKeyAdobeMobileSdksSend_IsAccepted(string aamLocationHint)
    {
        using var response = await _server.PostJsonAsync("/api/v1/sessions", SdkSessionStart.Json(aamLocationHint));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData(nameof(TimelineExamples.Error))]
    [InlineData(nameof(TimelineExamples.ErrorWithQoeData))]
    [InlineData(nameof(TimelineExamples.ErrorWithParams))]
    public async Task ErrorEvent_InEachDocumentedForm_IsAccepted(string form)
    {
        var sessionId = await _server.StartSessionAsync();
        var json = TimelineExamples.All.Single(example => example.Name == form).Json;

        using var response = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", json);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
