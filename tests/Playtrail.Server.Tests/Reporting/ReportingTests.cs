using System.Globalization;
using System.Net;
using System.Text.Json;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Reporting;

public sealed class ReportingTests : IAsyncLifetime
{
    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SeedSample_ReportAndCalls_AreServedAfterUpload()
    {
        using var upload = await _server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded());
        var sessionId = ServerInstance.SessionIdOf(upload);

        using var report = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
        using var calls = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}/calls"));

        var root = report.RootElement;
        Assert.Equal(sessionId, root.GetProperty("sessionId").GetString());
        Assert.Equal("completed", root.GetProperty("status").GetString());
        Assert.True(root.GetProperty("downloaded").GetBoolean());
        var metrics = root.GetProperty("metrics");
        Assert.True(metrics.GetProperty("play").GetBoolean());
        Assert.True(metrics.GetProperty("complete").GetBoolean());
        // play at 1529997928174 to sessionComplete at 1529997960559.
        Assert.Equal(32.385, metrics.GetProperty("timePlayed").GetDouble(), 6);
        var list = calls.RootElement.EnumerateArray().ToList();
        Assert.Equal("start", list[0].GetProperty("type").GetString());
        Assert.Equal(1529997923478, list[0].GetProperty("ts").GetInt64());
        var close = list.Single(call => call.GetProperty("type").GetString() == "close");
        Assert.Equal(1529997960559, close.GetProperty("ts").GetInt64());
        Assert.True(close.GetProperty("contextData").GetProperty("a.media.downloaded").GetBoolean());
    }

    [Fact]
    public async Task DownloadedSession_WatchedThreeDaysAgo_IsSummarisedOnThatDay_NotToday()
    {
        var now = DateTimeOffset.UtcNow;
        var watched = now.AddDays(-3);
        using var upload = await _server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(20, watched.ToUnixTimeMilliseconds()));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var watchedDay = Day(watched);
        var today = Day(now);

        using var summary = JsonDocument.Parse(await _server.Client.GetStringAsync(
            $"/api/v1/reports/summary?from={Day(now.AddDays(-5))}&to={today}&groupBy=day"));

        var row = Assert.Single(summary.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(watchedDay, row.GetProperty("key").GetString());
        Assert.NotEqual(today, watchedDay);
        Assert.Equal(1, row.GetProperty("starts").GetInt64());
        Assert.Equal(1, row.GetProperty("downloadedSessions").GetInt64());
        // Uploaded about three days after its last event: the lateness percentiles say so (histogram bounds are within 19 %).
        var lateness = row.GetProperty("lateness");
        Assert.InRange(lateness.GetProperty("p50").GetDouble(), 2.9 * 86_400, 3 * 86_400 * 1.2);
    }

    [Fact]
    public async Task ActiveSession_HasAReportSoFar_AndOnlyItsStartCall()
    {
        var sessionId = await _server.StartSessionAsync(1_700_000_000_000);
        using var play = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("play", 0, 1_700_000_001_000));
        using var ping = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("ping", 10, 1_700_000_011_000));

        using var report = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
        using var calls = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}/calls"));

        Assert.Equal("active", report.RootElement.GetProperty("status").GetString());
        Assert.Equal(10, report.RootElement.GetProperty("metrics").GetProperty("timePlayed").GetDouble(), 6);
        var call = Assert.Single(calls.RootElement.EnumerateArray());
        Assert.Equal("start", call.GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, call.GetProperty("ts").ValueKind);
    }

    [Fact]
    public async Task OnlineSession_ClosedBySessionComplete_IsInTheSummaryOnce()
    {
        var ts = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var sessionId = await _server.StartSessionAsync(ts);
        foreach (var json in new[] { Samples.Event("play", 0, ts + 1_000), Samples.Event("sessionComplete", 34, ts + 35_000) })
        {
            using var response = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", json);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        using var summary = JsonDocument.Parse(await _server.Client.GetStringAsync("/api/v1/reports/summary?from=2026-03-01&to=2026-03-01&groupBy=downloaded"));

        var row = Assert.Single(summary.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal("online", row.GetProperty("key").GetString());
        Assert.Equal(1, row.GetProperty("completes").GetInt64());
        Assert.Equal(34, row.GetProperty("timePlayed").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("lateness").ValueKind);
    }

    [Theory]
    [InlineData("from=2026-13-01")]
    [InlineData("from=2026-03-02&to=2026-03-01")]
    [InlineData("groupBy=week")]
    public async Task Summary_WithABadQuery_Returns400(string query)
    {
        using var response = await _server.Client.GetAsync("/api/v1/reports/summary?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownSession_Report_Returns404()
    {
        using var response = await _server.Client.GetAsync($"/api/v1/sessions/{new string('c', 64)}/calls");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
