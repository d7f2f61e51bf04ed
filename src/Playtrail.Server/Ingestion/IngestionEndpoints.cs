using Playtrail.Server.Admission;
using Playtrail.Server.OpenApi;

namespace Playtrail.Server.Ingestion;

/// <summary>Maps the Media Collection API's ingestion routes.</summary>
internal static class IngestionEndpoints
{
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Ingestion").RequireRateLimiting(IngestionRateLimiter.Policy)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType,
                StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable)
            .WithQuery(ValidateFlag.Name, Microsoft.OpenApi.JsonSchemaType.Boolean, "Validate only: answer as if storing, and store nothing.");
        api.MapPost("/sessions", (HttpContext context, IngestionHandler handler) => handler.PostSessionsAsync(context))
            .WithName("StartSession")
            .WithHeader("Idempotency-Key", "For a downloaded upload: 1 to 255 printable ASCII characters; a retry with the same key and body is stored once.")
            .WithSummary("Start an online session with a sessionStart event, or upload a downloaded session as an array (legacy route).")
            .AcceptsJsonBody(JsonBodyShape.ObjectOrArrayOfObjects,
                "One sessionStart event, or a whole downloaded session as an array of events whose sessionStart sets media.downloaded: true. "
                + "Each event's JSON Schema is served at /api/v1/schemas/{eventType}.")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/downloaded", (HttpContext context, IngestionHandler handler) => handler.PostDownloadedAsync(context))
            .WithName("UploadDownloadedSession")
            .WithHeader("Idempotency-Key", "For a downloaded upload: 1 to 255 printable ASCII characters; a retry with the same key and body is stored once.")
            .WithSummary("Upload a whole downloaded (offline) session; an Idempotency-Key header makes retries safe.")
            .AcceptsJsonBody(JsonBodyShape.ArrayOfObjects,
                "A whole downloaded session: an array of events starting with sessionStart. Each event's JSON Schema is served at /api/v1/schemas/{eventType}.")
            .Produces(StatusCodes.Status201Created)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/sessions/{sid}/events", (HttpContext context, string sid, IngestionHandler handler) => handler.PostEventAsync(context, sid))
            .WithName("PostEvent")
            .WithSummary("Add one event to an open online session.")
            .AcceptsJsonBody(JsonBodyShape.Object,
                "One event other than sessionStart. Its JSON Schema is served at /api/v1/schemas/{eventType}.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        return app;
    }
}
