using Playtrail.Server.Admission;

namespace Playtrail.Server.Ingestion;

/// <summary>Maps the Media Collection API's ingestion routes.</summary>
internal static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Ingestion").RequireRateLimiting(IngestionRateLimiter.Policy);
        api.MapPost("/sessions", (HttpContext context, IngestionHandler handler) => handler.PostSessionsAsync(context));
        api.MapPost("/downloaded", (HttpContext context, IngestionHandler handler) => handler.PostDownloadedAsync(context));
        api.MapPost("/sessions/{sid}/events", (HttpContext context, string sid, IngestionHandler handler) => handler.PostEventAsync(context, sid));
        return app;
    }
}
