using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Playtrail.Server.Tests.Ingestion;

/// <summary>
/// What the validator accepts, the server stores, processes, rolls up and reports: the two findings of values that
/// were accepted and then never reported, and sessions generated from the schemas' full ranges through the real server.
/// </summary>
public sealed class ValueRangeTests : IAsyncLifetime
{
    // Far ahead of UTC (+13:45 in its summer), so a timestamp at the end of the range lands on a day of the next year,
    // and on a quarter-hour offset. Not Pacific/Kiritimati, the zone furthest ahead: before October 1979 it was at
    // -10:40, whose days the quarter-hour rollups start ten minutes early (docs/reporting.md, days and time zones).
    private const string Zone = "Pacific/Chatham";

    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync("Reporting:TimeZone=" + Zone);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DownloadedUpload_WithTsAfterYear9999_Returns400NamingTsAndStoresNothing()
    {
        var body = "[" + Samples.SessionStart(1_700_000_000_000, downloaded: true) + "," + Samples.Event("ping", 10, 253_402_300_800_000) + "]";

        using var response = await _server.PostJsonAsync("/api/v1/downloaded", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("/1/playerTime/ts", error.GetProperty("pointer").GetString());
        Assert.Equal("maximum", error.GetProperty("rule").GetString());
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task DownloadedUpload_WithMediaLength4_9e_324_SessionReportAndCallsAnswer200()
    {
        var body = Samples.SeedDownloaded().Replace("\"media.length\": 35", "\"media.length\": 4.9e-324", StringComparison.Ordinal);
        Assert.Contains("4.9e-324", body, StringComparison.Ordinal);

        using var created = await _server.PostJsonAsync("/api/v1/downloaded", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sessionId = ServerInstance.SessionIdOf(created);

        using var report = await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}");
        using var calls = await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}/calls");

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, calls.StatusCode);
        using var json = JsonDocument.Parse(await report.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("metrics").GetProperty("averageMinuteAudience").ValueKind);
        Assert.Equal(32.385, json.RootElement.GetProperty("metrics").GetProperty("timePlayed").GetDouble(), 6);
    }

    [Fact]
    public async Task AnySessionTheSchemasAllow_IsStoredReportedAndRolledUp()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(Zone);
        var errors = Hostile.ErrorLogCapture.AttachTo(_server);
        await SchemaSessions.Downloaded.SampleAsync(async json =>
        {
            var session = JsonNode.Parse(json)!.AsArray();
            var mediaId = Guid.NewGuid().ToString("N");
            session[0]!["params"]!["media.id"] = mediaId;

            using var created = await _server.PostJsonAsync("/api/v1/downloaded", session.ToJsonString());
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var sessionId = ServerInstance.SessionIdOf(created);

            using var report = await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}");
            using var calls = await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}/calls");
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal(HttpStatusCode.OK, calls.StatusCode);

            // The rollups ran: the session is counted on the day it was watched, in the report zone.
            using var reportJson = JsonDocument.Parse(await report.Content.ReadAsStringAsync());
            var watched = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeMilliseconds(reportJson.RootElement.GetProperty("firstEventTs").GetInt64()), zone);
            var day = watched.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var summary = await _server.Client.GetAsync($"/api/v1/reports/summary?from={day}&to={day}&groupBy=media&mediaId={mediaId}");
            Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
            using var summaryJson = JsonDocument.Parse(await summary.Content.ReadAsStringAsync());
            var row = Assert.Single(summaryJson.RootElement.GetProperty("rows").EnumerateArray());
            Assert.Equal(1, row.GetProperty("starts").GetInt64());
        }, iter: 30, threads: 1);

        Assert.Empty(errors.Errors);
    }
}
