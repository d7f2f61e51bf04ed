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
        app.MapGet("/metrics", (ServerMetrics metrics, IStoreDiagnostics store) =>
                TypedResults.Text(metrics.ToPrometheusText(store), "text/plain; version=0.0.4; charset=utf-8"))
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
