using Playtrail.Server.Ingestion;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Reporting;

/// <summary>Reading sessions back: <c>GET /api/v1/sessions/{sid}</c>.</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sessions/{sid}", GetSessionAsync).WithTags("Reporting");
        return app;
    }

    private static async Task<IResult> GetSessionAsync(string sid, ISessionStore store, CancellationToken cancellationToken)
    {
        var row = SessionIds.IsWellFormed(sid) ? await store.GetSessionAsync(sid, cancellationToken).ConfigureAwait(false) : null;
        if (row is null)
        {
            return ProblemResult.Of(StatusCodes.Status404NotFound, "unknownSession", "The session id is unknown.", "No session has this id.");
        }

        var view = new SessionView(
            row.SessionId,
            StatusName(row.Status),
            row.Downloaded,
            row.FirstEventTs,
            row.LastEventTs,
            row.ReceivedAt,
            row.ClosedAt,
            row.CloseReason,
            row.EventCount,
            new MediaView(row.Start.MediaId, row.Start.MediaName, row.Start.Length, row.Start.ContentType, row.Start.Resume));
        return TypedResults.Json(view, ServerJsonContext.Default.SessionView);
    }

    internal static string StatusName(SessionStatus status) => status switch
    {
        SessionStatus.Active => "active",
        SessionStatus.Completed => "completed",
        SessionStatus.Ended => "ended",
        _ => "timedOut",
    };
}
