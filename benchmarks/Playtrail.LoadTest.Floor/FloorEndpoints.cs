using System.Text.Json;

namespace Playtrail.LoadTest.Floor;

/// <summary>
/// The ingestion routes the load harness calls, answered with the statuses Playtrail gives, after reading each body
/// and parsing it with <see cref="JsonDocument"/>: what any JSON endpoint on ASP.NET Core costs before it stores
/// anything. The harness reports Playtrail's figures as ratios to these (docs/benchmarks.md, issue 10).
/// </summary>
internal static class FloorEndpoints
{
    private static long s_sessions;

    public static void MapFloorEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => TypedResults.Ok());
        app.MapPost("/api/v1/sessions", StartSessionAsync);
        app.MapPost("/api/v1/sessions/{sessionId}/events", AppendEventAsync);
        app.MapPost("/api/v1/downloaded", UploadAsync);
    }

    private static async Task<IResult> StartSessionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!await ParseAsync(request, cancellationToken).ConfigureAwait(false))
        {
            return TypedResults.BadRequest();
        }

        var sessionId = "floor-" + Interlocked.Increment(ref s_sessions).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Created("/api/v1/sessions/" + sessionId);
    }

    private static async Task<IResult> AppendEventAsync(string sessionId, HttpRequest request, CancellationToken cancellationToken) =>
        !string.IsNullOrEmpty(sessionId) && await ParseAsync(request, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : TypedResults.BadRequest();

    private static async Task<IResult> UploadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        await ParseAsync(request, cancellationToken).ConfigureAwait(false)
            ? TypedResults.Created("/api/v1/sessions/floor")
            : TypedResults.BadRequest();

    /// <summary>Reads the whole body and parses it; false when it is not JSON.</summary>
    private static async Task<bool> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
