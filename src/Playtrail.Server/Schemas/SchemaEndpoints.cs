using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Server.Ingestion;

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
            .WithTags("Schemas");
        return app;
    }
}
