using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;
using Playtrail.Server.Processing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Reporting;

/// <summary>One session's report and analytics calls.</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reporting")
            .ProducesJson(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
        api.MapGet("/sessions/{sid}", GetReportAsync).WithName("GetSessionReport").WithSummary("One session's report.");
        api.MapGet("/sessions/{sid}/calls", GetCallsAsync).WithName("GetSessionCalls").WithSummary("The analytics calls of one session.");
        return app;
    }

    private static async Task<IResult> GetReportAsync(string sid, SessionProcessingService processing, CancellationToken cancellationToken) =>
        SessionIds.IsWellFormed(sid) && await processing.GetReportJsonAsync(sid, cancellationToken).ConfigureAwait(false) is { } json
            ? TypedResults.Bytes(json, "application/json")
            : UnknownSession();

    private static async Task<IResult> GetCallsAsync(string sid, SessionProcessingService processing, CancellationToken cancellationToken) =>
        SessionIds.IsWellFormed(sid) && await processing.GetCallsJsonAsync(sid, cancellationToken).ConfigureAwait(false) is { } json
            ? TypedResults.Bytes(json, "application/json")
            : UnknownSession();

    private static ProblemResult UnknownSession() =>
        ProblemResult.Of(StatusCodes.Status404NotFound, "unknownSession", "The session id is unknown.", "No session has this id.");
}
