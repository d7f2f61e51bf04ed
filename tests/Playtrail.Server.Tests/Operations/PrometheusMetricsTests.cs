using System.Globalization;
using System.Net;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Operations;

/// <summary>What a Prometheus scrape of <c>GET /metrics</c> shows after real traffic through Kestrel.</summary>
public sealed class PrometheusMetricsTests
{
    private const string EventsRoute = "/api/v1/sessions/{sid}/events";

    [Fact]
    public async Task Scrape_AfterOnlineTraffic_ShowsIngestionCounters_AndRequestDurationBuckets()
    {
        await using var server = await ServerInstance.StartAsync();
        var sessionId = await server.StartSessionAsync();
        for (var i = 1; i <= 3; i++)
        {
            using var play = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("ping", i * 10, 1_700_000_000_000 + (i * 10_000)));
            Assert.Equal(HttpStatusCode.NoContent, play.StatusCode);
        }

        using var response = await server.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(1, Sample(text, "playtrail_sessions_created_total{kind=\"online\"}"));
        Assert.Equal(0, Sample(text, "playtrail_sessions_created_total{kind=\"downloaded\"}"));
        Assert.Equal(4, Sample(text, "playtrail_events_stored_total{kind=\"online\"}"));
        Assert.Equal(3, Sample(text, $"playtrail_http_requests_total{{route=\"POST {EventsRoute}\",status=\"204\"}}"));
        Assert.Equal(0, Sample(text, "playtrail_writes_shed_total{reason=\"budget\"}"));
        Assert.True(Sample(text, "playtrail_store_commits_total{}") >= 1);
        // Seconds of wall time in commits: more than nothing after these writes, less than the test has run.
        Assert.InRange(Exact(text, "playtrail_store_writer_busy_seconds_total{}"), double.Epsilon, 60);
        Assert.Contains("# TYPE playtrail_store_queued_writes gauge", text, StringComparison.Ordinal);

        // ASP.NET Core's request duration histogram, by route template: cumulative buckets ending in +Inf with every request.
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        var buckets = Lines(text, "http_server_request_duration_seconds_bucket{")
            .Where(line => line.Contains($"http_route=\"{EventsRoute}\"", StringComparison.Ordinal)
                && line.Contains("http_response_status_code=\"204\"", StringComparison.Ordinal))
            .ToList();
        Assert.True(buckets.Count > 2, string.Join('\n', buckets));
        var counts = buckets.Select(Value).ToList();
        Assert.Equal(counts.Order(), counts);
        Assert.Contains("le=\"+Inf\"", buckets[^1], StringComparison.Ordinal);
        Assert.Equal(3, counts[^1]);
        Assert.DoesNotContain(sessionId, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_AfterADownloadedSession_ShowsItsBatchSize_AndItsProcessing()
    {
        await using var server = await ServerInstance.StartAsync();
        using (var upload = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(40)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        var text = await Eventually.WaitAsync(() => server.Client.GetStringAsync("/metrics"),
            text => Sample(text, "playtrail_sessions_processed_total{}") == 1);

        Assert.Equal(1, Sample(text, "playtrail_sessions_created_total{kind=\"downloaded\"}"));
        Assert.Equal(40, Sample(text, "playtrail_events_stored_total{kind=\"downloaded\"}"));
        Assert.Equal(1, Sample(text, "playtrail_downloaded_batch_size_count{}"));
        Assert.Equal(40, Sample(text, "playtrail_downloaded_batch_size_sum{}"));
        Assert.Equal(0, Sample(text, "playtrail_downloaded_batch_size_bucket{le=\"10\"}"));
        Assert.Equal(1, Sample(text, "playtrail_downloaded_batch_size_bucket{le=\"50\"}"));
        Assert.True(Sample(text, "playtrail_session_processing_duration_seconds_count{}") >= 1);
    }

    [Fact]
    public async Task TwoServersInOneProcess_EachScrapeCountsOnlyItsOwnTraffic()
    {
        await using var busy = await ServerInstance.StartAsync();
        await using var quiet = await ServerInstance.StartAsync();
        await busy.StartSessionAsync();
        await busy.StartSessionAsync();

        var busyText = await busy.Client.GetStringAsync("/metrics");
        var quietText = await quiet.Client.GetStringAsync("/metrics");

        Assert.Equal(2, Sample(busyText, "playtrail_sessions_created_total{kind=\"online\"}"));
        Assert.Equal(0, Sample(quietText, "playtrail_sessions_created_total{kind=\"online\"}"));
        Assert.Single(Lines(busyText, "playtrail_sessions_created_total{kind=\"online\"} "));
        Assert.DoesNotContain("http_route=\"/api/v1/sessions\"", quietText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TelemetryOff_MetricsRouteIsGone_AndIngestionWorksAsBefore()
    {
        await using var server = await ServerInstance.StartAsync("Telemetry:Enabled=false");

        var sessionId = await server.StartSessionAsync();
        using var play = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("play", 0, 1_700_000_001_000));
        using var metrics = await server.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NoContent, play.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }

    /// <summary>The value of the one sample line of <paramref name="series"/> (name and labels as written).</summary>
    internal static long Sample(string text, string series) => (long)Exact(text, series);

    /// <summary>As <see cref="Sample"/>, without rounding: for series in seconds.</summary>
    private static double Exact(string text, string series) => Number(Assert.Single(Lines(text, series + " ")));

    private static long Value(string line) => (long)Number(line);

    /// <summary>The value at the end of a sample line.</summary>
    private static double Number(string line) =>
        double.Parse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<string> Lines(string text, string prefix) =>
        text.Split('\n').Where(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
