using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;
using Playtrail.Server.Processing;

namespace Playtrail.Server.Reporting;

/// <summary>A session laid out against wall time and playhead for the dashboard (<c>docs/reporting.md</c>, "Session timeline").</summary>
internal static class TimelineEndpoints
{
    public static IEndpointRouteBuilder MapTimelineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Reporting").MapGet("/sessions/{sid}/timeline", GetTimelineAsync)
            .WithName("GetSessionTimeline")
            .WithSummary("One session laid out against wall time and playhead.")
            .ProducesJson(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> GetTimelineAsync(string sid, SessionProcessingService processing, CancellationToken cancellationToken) =>
        SessionIds.IsWellFormed(sid) && await processing.GetTimelineJsonAsync(sid, cancellationToken).ConfigureAwait(false) is { } json
            ? TypedResults.Bytes(json, "application/json")
            : UnknownSession();

    /// <summary>The same problem document as <c>GET /api/v1/sessions/{sid}</c> answers for an unknown id.</summary>
    private static ProblemResult UnknownSession() =>
        ProblemResult.Of(StatusCodes.Status404NotFound, "unknownSession", "The session id is unknown.", "No session has this id.");
}
