using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Tests.Exports;

/// <summary>The export routes over a real Kestrel port, on a store that makes sessions up (the HTTP side alone).</summary>
public sealed class ExportEndpointTests
{
    private static FakeExportStore Store(int sessions, int? failAfter = null) =>
        new(i => i < sessions ? (i % 2 == 0 ? ExportSamples.Online($"s-{i:D6}") : ExportSamples.Downloaded($"s-{i:D6}")) : null, sessions, failAfter);

    [Fact]
    public async Task BadParameters_Give400_NamingEachByPointerAndRule_WithoutReadingTheStore()
    {
        await using var server = await ServerInstance.StartAsync();

        using var response = await server.Client.GetAsync("/api/v1/exports/calls?from=2026-13-01&downloaded=maybe&format=xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Select(error => (error.GetProperty("pointer").GetString(), error.GetProperty("rule").GetString())).ToList();
        Assert.Equal([("/query/from", "date"), ("/query/downloaded", "boolean"), ("/query/format", "enum")], errors);
    }

    [Fact]
    public async Task FromAfterTo_Gives400_OnFrom()
    {
        await using var server = await ServerInstance.StartAsync();

        using var response = await server.Client.GetAsync("/api/v1/exports/sessions?from=2026-11-02&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"pointer\":\"/query/from\",\"rule\":\"range\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ndjson", "application/x-ndjson")]
    [InlineData("csv", "text/csv; charset=utf-8")]
    [InlineData("parquet", "application/vnd.apache.parquet")]
    public async Task Export_Answers200_WithItsMediaType_AnAttachmentName_AndTheRowCountUpFront(string format, string contentType)
    {
        var store = Store(3);
        await using var server = await ExportServer.StartAsync(store);

        using var response = await server.Client.GetAsync($"/api/v1/exports/sessions?from=2026-11-01&to=2026-11-30&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"attachment; filename=\"playtrail-sessions-2026-11-01-2026-11-30.{format}\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("3", Assert.Single(response.Headers.GetValues("Playtrail-Export-Rows")));
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task WithApiKeys_AnExportNeedsABearerKey()
    {
        const string key = "0123456789abcdef0123456789abcdef";
        await using var server = await ExportServer.StartAsync(Store(1), "UTC", $"Reporting:ApiKeys:0={key}");

        using var anonymous = await server.Client.GetAsync("/api/v1/exports/sessions");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/exports/sessions");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        using var keyed = await server.Client.SendAsync(request);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (anonymous.StatusCode, keyed.StatusCode));
    }

    [Fact]
    public async Task Calls_AdvertiseTheCallCount_AndAskTheStoreForCalls()
    {
        var store = Store(2);
        await using var server = await ExportServer.StartAsync(store);

        using var response = await server.Client.GetAsync("/api/v1/exports/calls?from=2026-11-01&to=2026-11-30");
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');

        Assert.Equal("4", Assert.Single(response.Headers.GetValues("Playtrail-Export-Rows")));
        Assert.Equal("attachment; filename=\"playtrail-calls-2026-11-01-2026-11-30.ndjson\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.True(store.IncludedCalls);
        // Two calls of the online session, five of the downloaded one.
        Assert.Equal(7, lines.Length);
    }

    [Fact]
    public async Task TheStoreIsAskedForTheZonesDays_AndTheFilters()
    {
        var store = Store(0);
        await using var server = await ExportServer.StartAsync(store, timeZone: "Europe/Paris");

        using var response = await server.Client.GetAsync("/api/v1/exports/sessions?from=2026-03-29&to=2026-03-29&contentType=vod&downloaded=true&mediaId=movie-42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(store.IncludedCalls);
        // Paris moves to summer time on 2026-03-29: the day runs from 23:00Z to 22:00Z, 23 hours.
        Assert.Equal(
            new ExportQuery(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), new ReportFilter("vod", true, "movie-42")),
            store.Query! with { WatchedFrom = store.Query.WatchedFrom.ToUniversalTime(), WatchedBefore = store.Query.WatchedBefore.ToUniversalTime() });
    }

    [Fact]
    public async Task WithoutFromAndTo_TheLastThirtyDaysUpToToday_AreExported()
    {
        var store = Store(0);
        await using var server = await ExportServer.StartAsync(store);

        using var response = await server.Client.GetAsync("/api/v1/exports/sessions?format=csv");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"playtrail-sessions-{today.AddDays(-29):yyyy-MM-dd}-{today:yyyy-MM-dd}.csv"), name);
        Assert.Equal(today.AddDays(-29).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), store.Query!.WatchedFrom.UtcDateTime);
    }

    [Fact]
    public async Task ManySessionsAsParquet_ComeThroughKestrel_AsAFileDuckDbReads()
    {
        var store = Store(60_000);
        await using var server = await ExportServer.StartAsync(store);
        var path = Path.Combine(Path.GetTempPath(), $"playtrail-export-{Guid.NewGuid():N}.parquet");
        try
        {
            using (var response = await server.Client.GetAsync("/api/v1/exports/sessions?from=2026-11-01&to=2026-11-30&format=parquet", HttpCompletionOption.ResponseHeadersRead))
            await using (var file = File.Create(path))
            {
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(file);
            }

            Assert.Equal([60_000L, 60_000L], DuckDbFile.Query($"SELECT count(*), count(DISTINCT sessionId) FROM read_parquet('{path}')")[0]);
            Assert.Equal(2L, DuckDbFile.Query($"SELECT count(DISTINCT row_group_id) FROM parquet_metadata('{path}')")[0][0]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AClientThatHangsUp_StopsTheExport()
    {
        var store = new FakeExportStore(i => ExportSamples.Online($"s-{i:D9}"), long.MaxValue);
        await using var server = await ExportServer.StartAsync(store);

        using (var response = await server.Client.GetAsync("/api/v1/exports/sessions?from=2026-11-01&to=2026-11-30", HttpCompletionOption.ResponseHeadersRead))
        {
            var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            Assert.True(await body.ReadAsync(buffer) > 0);
        }

        Assert.True(await Eventually.WaitAsync(() => Task.FromResult(store.Stopped), stopped => stopped));
        var yielded = store.Yielded;
        await Task.Delay(200);
        Assert.Equal(yielded, store.Yielded);
    }

    [Fact]
    public async Task AStoreFailureAfterTheBodyStarted_CutsTheDownloadOff_InsteadOfEndingItCleanly()
    {
        var store = Store(100_000, failAfter: 5_000);
        await using var server = await ExportServer.StartAsync(store);

        using var response = await server.Client.GetAsync("/api/v1/exports/sessions?from=2026-11-01&to=2026-11-30", HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStreamAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null));
    }
}
