using Microsoft.Extensions.Options;
using Playtrail.Server.Admission;
using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;

namespace Playtrail.Server.Edge;

/// <summary>Maps the Media Edge API routes under <c>Edge:BasePath</c>, with and without a location-hint segment.</summary>
internal static class EdgeEndpoints
{
    public static IEndpointRouteBuilder MapEdgeEndpoints(this IEndpointRouteBuilder app)
    {
        var basePath = "/" + app.ServiceProvider.GetRequiredService<IOptions<EdgeOptions>>().Value.TrimmedBasePath;
        foreach (var (prefix, name) in (ReadOnlySpan<(string, string)>)[(basePath, ""), (basePath + "/{hint}", "WithHint")])
        {
            var group = app.MapGroup(prefix).WithTags("Media Edge").ProducesProblems(StatusCodes.Status503ServiceUnavailable);
            // Write routes: admission control lets them in or answers 503 at once, as on the Media Collection routes.
            group.MapPost("/v1/interact", (HttpContext context, EdgeHandler handler, IngestionHandler ingestion) =>
                ingestion.AdmittedAsync(AdmissionKind.Event, context, handler.InteractAsync))
                .WithName("EdgeInteract" + name)
                .WithSummary("Media Edge events; media.sessionStart starts a session, media.downloaded uploads one (docs/edge.md).")
                .AcceptsJsonBody(JsonBodyShape.Object, "An Experience Edge request: {\"events\": [{\"xdm\": {...}}]} holding media events.")
                .ProducesJson(StatusCodes.Status200OK)
                .ProducesJson(StatusCodes.Status207MultiStatus)
                .ProducesJson(StatusCodes.Status400BadRequest);
            group.MapPost("/va/v1/{action}", (HttpContext context, string action, EdgeHandler handler, IngestionHandler ingestion) =>
                ingestion.AdmittedAsync(
                    action == EdgeHandler.DownloadedAction ? AdmissionKind.Upload : AdmissionKind.Event, context, c => handler.MediaEventAsync(c, action)))
                .WithName("EdgeMediaEvent" + name)
                .WithSummary("One Media Edge event media.{action}, or media.downloaded sessions for the action downloaded (docs/edge.md).")
                .AcceptsJsonBody(JsonBodyShape.Object, "An Experience Edge request: {\"events\": [{\"xdm\": {...}}]} holding one media.{action} event.")
                .ProducesJson(StatusCodes.Status200OK)
                .Produces(StatusCodes.Status204NoContent)
                .ProducesJson(StatusCodes.Status207MultiStatus)
                .ProducesJson(StatusCodes.Status400BadRequest)
                .ProducesJson(StatusCodes.Status404NotFound);
        }

        return app;
    }
}
