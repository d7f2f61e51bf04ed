using Playtrail.Server.OpenApi;
using Playtrail.Server.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Operations;

/// <summary><c>GET /health</c> and <c>GET /metrics</c>.</summary>
internal static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealthAsync).WithTags("Operations")
            .WithName("GetHealth")
            .WithSummary("Whether the server can reach its store.")
            .Produces<HealthView>(StatusCodes.Status200OK)
            .Produces<HealthView>(StatusCodes.Status503ServiceUnavailable);
        // Without telemetry (Telemetry:Enabled false) there is nothing to scrape, and the route is not there.
        if (!app.ServiceProvider.GetRequiredService<TelemetryOptions>().Enabled)
        {
            return app;
        }

        // The exporter's middleware runs inside an ordinary route handler rather than as an endpoint of its own, so the
        // route keeps its OpenAPI description and passes the same middleware (request counting, access rules) as the others.
        var scrape = app.CreateApplicationBuilder()
            .UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: static _ => true, path: null,
                configureBranchedPipeline: null, optionsName: null)
            .Build();
        app.MapGet("/metrics", (Delegate)((HttpContext context) => scrape(context)))
            .WithTags("Operations")
            .WithName("GetMetrics")
            .WithSummary("The server's counters in the Prometheus text format.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return app;
    }

    private static async Task<IResult> GetHealthAsync(ISessionStore store, CancellationToken cancellationToken)
    {
        var healthy = await store.IsHealthyAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Json(new HealthView(healthy ? "healthy" : "unhealthy"), ServerJsonContext.Default.HealthView,
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
