using System.Net;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Operations;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the server exports its metrics and spans by OTLP/HTTP protobuf to a
/// receiver on a real port; the test decodes what arrives.
/// </summary>
public sealed class OtlpExportTests
{
    private const string EventsRoute = "/api/v1/sessions/{sid}/events";

    [Fact]
    public async Task OtlpEndpointSet_ExportsIngestionCounters_RequestDurations_AndTheSpansOfAnIngestedEvent()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var server = await ServerInstance.StartAsync(
            $"OTEL_EXPORTER_OTLP_ENDPOINT={receiver.Endpoint.GetLeftPart(UriPartial.Authority)}",
            "OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
            "OTEL_METRIC_EXPORT_INTERVAL=200",
            "OTEL_BSP_SCHEDULE_DELAY=100");

        var sessionId = await server.StartSessionAsync();
        using var play = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("play", 0, 1_700_000_001_000));
        Assert.Equal(HttpStatusCode.NoContent, play.StatusCode);

        // One export may read the stored-events counter just before the request's duration is recorded: wait for both.
        var metrics = await Eventually.WaitAsync(() => Task.FromResult(receiver.Metrics()),
            received => OnlineSessions(received) == 1 && EventRequests(received) >= 1
                && Latest(received, "playtrail.events.stored", "kind", "online") == 2);
        // Spans are listened for process-wide, so other tests' servers may send theirs here too: this request's span is the
        // one whose path holds this session's id.
        var spans = await Eventually.WaitAsync(() => Task.FromResult(receiver.Spans()),
            received => RequestAndAppend(received, sessionId) is not null);

        Assert.Equal(1, OnlineSessions(metrics));
        Assert.Equal(2, Latest(metrics, "playtrail.events.stored", "kind", "online"));
        Assert.Contains(metrics, metric => metric is { Name: "playtrail.store.commits", Kind: "sum" });
        Assert.Contains(metrics, metric => metric is { Name: "playtrail.store.queued_writes", Kind: "gauge" });
        Assert.Contains(metrics, metric => metric is { Name: "playtrail.http.requests", Kind: "sum" });
        Assert.Equal(1, EventRequests(metrics));
        var duration = metrics.Last(metric => metric.Name == "http.server.request.duration");
        Assert.Equal("histogram", duration.Kind);
        var point = duration.Points.Single(point => point.Attributes.GetValueOrDefault("http.route") == EventsRoute);
        Assert.Equal(point.Count, (ulong)point.BucketCounts.Sum(count => (long)count));

        // The request's span (ASP.NET Core's) and, inside it, the store's span of the append.
        var (request, append) = RequestAndAppend(spans, sessionId)
            ?? throw new InvalidOperationException("No request span with its append among: " + string.Join(", ", spans.Select(span => $"{span.Scope}/{span.Name}")));
        Assert.Equal($"POST {EventsRoute}", request.Name);
        Assert.Equal(EventsRoute, request.Attributes["http.route"]);
        Assert.Equal(request.TraceId, append.TraceId);
        Assert.Equal("Playtrail.Storage", append.Scope);
        Assert.All(receiver.ContentTypes, contentType => Assert.Equal("application/x-protobuf", contentType));
    }

    /// <summary>The span of this session's event request and the store's span of its append, inside it; null until both arrived.</summary>
    private static (OtlpSpan Request, OtlpSpan Append)? RequestAndAppend(List<OtlpSpan> spans, string sessionId)
    {
        var request = spans.FirstOrDefault(span => span.Attributes.GetValueOrDefault("url.path") == $"/api/v1/sessions/{sessionId}/events");
        var append = request is null ? null : spans.FirstOrDefault(span => span.Name == "playtrail.store.append_event" && span.ParentSpanId == request.SpanId);
        return request is null || append is null ? null : (request, append);
    }

    private static long? OnlineSessions(List<OtlpMetric> metrics) => Latest(metrics, "playtrail.sessions.created", "kind", "online");

    /// <summary>The cumulative histogram count of the events route in the latest export, 0 before one arrives.</summary>
    private static long EventRequests(List<OtlpMetric> metrics) =>
        metrics.LastOrDefault(metric => metric.Name == "http.server.request.duration")?.Points
            .Where(point => point.Attributes.GetValueOrDefault("http.route") == EventsRoute)
            .Sum(point => (long)(point.Count ?? 0)) ?? 0;

    /// <summary>The value of the series of <paramref name="name"/> with the given label in the latest export that has it.</summary>
    private static long? Latest(List<OtlpMetric> metrics, string name, string label, string value) =>
        metrics.Where(metric => metric.Name == name).SelectMany(metric => metric.Points)
            .LastOrDefault(point => point.Attributes.GetValueOrDefault(label) == value)?.Value;
}
