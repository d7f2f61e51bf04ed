using Microsoft.Extensions.Options;
using Playtrail.Server.Admission;
using Playtrail.Server.Ingestion;

namespace Playtrail.Server.Edge;

/// <summary>Maps the Media Edge API routes under <c>Edge:BasePath</c>, with and without a location-hint segment.</summary>
internal static class EdgeEndpoints
{
    public static IEndpointRouteBuilder MapEdgeEndpoints(this IEndpointRouteBuilder app)
    {
        var basePath = "/" + app.ServiceProvider.GetRequiredService<IOptions<EdgeOptions>>().Value.TrimmedBasePath;
        foreach (var prefix in (string[])[basePath, basePath + "/{hint}"])
        {
            var group = app.MapGroup(prefix).WithTags("Media Edge");
            // Write routes: admission control lets them in or answers 503 at once, as on the Media Collection routes.
            group.MapPost("/v1/interact", (HttpContext context, EdgeHandler handler, IngestionHandler ingestion) =>
                ingestion.AdmittedAsync(AdmissionKind.Event, context, handler.InteractAsync));
            group.MapPost("/va/v1/{action}", (HttpContext context, string action, EdgeHandler handler, IngestionHandler ingestion) =>
                ingestion.AdmittedAsync(
                    action == EdgeHandler.DownloadedAction ? AdmissionKind.Upload : AdmissionKind.Event, context, c => handler.MediaEventAsync(c, action)));
        }

        return app;
    }
}
