using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;

namespace Playtrail.Server.Schemas;

/// <summary><c>GET /api/v1/schemas/{eventType}</c>: the JSON Schema each event is validated against.</summary>
internal static class SchemaEndpoints
{
    public static IEndpointRouteBuilder MapSchemaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schemas/{eventType}", IResult (string eventType) =>
            EventTypeNames.TryParse(eventType, out var type)
                ? TypedResults.Text(JsonSchemas.For(type), "application/json")
                : ProblemResult.Of(StatusCodes.Status404NotFound, "unknownEventType", "No schema for this event type.",
                    $"Known event types: {string.Join(", ", EventTypeNames.All.Select(t => t.ToWireName()))}."))
            .WithTags("Schemas")
            .WithName("GetEventSchema")
            .WithSummary("The JSON Schema (draft-04) an event of this type is validated against.")
            .ProducesJson(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }
}
