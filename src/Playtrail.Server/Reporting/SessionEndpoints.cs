using System.Globalization;
using Playtrail.Server.Ingestion;
using Playtrail.Server.Processing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Reporting;

/// <summary>The reporting API: a session's report and calls, and the summary by day watched.</summary>
internal static class SessionEndpoints
{
    private const int DefaultSummaryDays = 30;
    private const int MaxSummaryDays = 3660;

    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reporting");
        api.MapGet("/sessions/{sid}", GetReportAsync);
        api.MapGet("/sessions/{sid}/calls", GetCallsAsync);
        api.MapGet("/reports/summary", GetSummaryAsync);
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

    private static async Task<IResult> GetSummaryAsync(
        string? from, string? to, string? groupBy, ISessionStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        if (!TryDay(to, today, out var last) || !TryDay(from, last.AddDays(1 - DefaultSummaryDays), out var first))
        {
            return QueryProblem("from and to must be dates written yyyy-MM-dd (UTC days the content was watched).");
        }

        if (first > last || last.DayNumber - first.DayNumber >= MaxSummaryDays)
        {
            return QueryProblem($"from must not be after to, and the range must be under {MaxSummaryDays} days.");
        }

        if (!TryGrouping(groupBy, out var grouping, out var groupName))
        {
            return QueryProblem("groupBy must be one of day, media, contentType, downloaded.");
        }

        var rows = await store.GetSummaryAsync(new SummaryQuery(first, last, grouping), cancellationToken).ConfigureAwait(false);
        var view = new SummaryView(Format(first), Format(last), groupName, rows.Select(ToView).ToList());
        return TypedResults.Json(view, ServerJsonContext.Default.SummaryView);
    }

    private static SummaryRowView ToView(SummaryRow row)
    {
        var lateSessions = row.Lateness.Values.Sum();
        var buffered = row.BufferTime + row.TotalTimePlayed;
        return new SummaryRowView(
            row.Key,
            Starts: row.Sessions,
            row.ContentStarts,
            row.Completes,
            row.TimePlayed,
            row.TotalTimePlayed,
            row.AverageMinuteAudience,
            row.AdStarts,
            row.BufferTime,
            BufferRatio: buffered > 0 ? row.BufferTime / buffered : 0,
            row.ErrorCount,
            row.DownloadedSessions,
            OnlineSessions: row.Sessions - row.DownloadedSessions,
            lateSessions == 0
                ? null
                : new LatenessView(lateSessions, LatenessHistogram.Percentile(row.Lateness, 0.5)!.Value, LatenessHistogram.Percentile(row.Lateness, 0.95)!.Value));
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrEmpty(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    private static bool TryGrouping(string? text, out SummaryGrouping grouping, out string name)
    {
        (grouping, name) = (text ?? "day").ToLowerInvariant() switch
        {
            "day" => (SummaryGrouping.Day, "day"),
            "media" => (SummaryGrouping.Media, "media"),
            "contenttype" => (SummaryGrouping.ContentType, "contentType"),
            "downloaded" => (SummaryGrouping.Downloaded, "downloaded"),
            _ => ((SummaryGrouping)(-1), ""),
        };
        return name.Length > 0;
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static ProblemResult QueryProblem(string detail) =>
        ProblemResult.Of(StatusCodes.Status400BadRequest, "query", "The summary query is invalid.", detail);

    private static ProblemResult UnknownSession() =>
        ProblemResult.Of(StatusCodes.Status404NotFound, "unknownSession", "The session id is unknown.", "No session has this id.");
}
