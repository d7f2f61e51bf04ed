using System.Globalization;
using System.Text.Json;
using Playtrail.Core.Validation;
using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Server.Reporting;

/// <summary>
/// <c>GET /api/v1/sessions</c>: the session list, newest watched first, paged by keyset (the <c>next</c> cursor), so a
/// page costs the same on the first page and the millionth. <c>status=active</c> lists the sessions open now instead,
/// newest arrival first.
/// </summary>
internal static class SessionListEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapSessionListEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/sessions", ListAsync).WithTags("Reporting")
            .WithName("ListSessions")
            .WithSummary("The session list, newest watched first, keyset-paged by the next cursor.")
            .ProducesJson(StatusCodes.Status200OK)
            .WithQuery("from", Microsoft.OpenApi.JsonSchemaType.String, "Only sessions watched on or after this day (yyyy-MM-dd, report time zone).", "date")
            .WithQuery("to", Microsoft.OpenApi.JsonSchemaType.String, "Only sessions watched on or before this day (yyyy-MM-dd, report time zone).", "date")
            .WithFilterQuery()
            .WithQuery("status", Microsoft.OpenApi.JsonSchemaType.String, "active, completed, ended or timedOut; active lists the sessions open now.")
            .WithQuery("closeReason", Microsoft.OpenApi.JsonSchemaType.String, "complete, end, idle, stall or endOfArray.")
            .WithQuery("limit", Microsoft.OpenApi.JsonSchemaType.Integer, $"Rows per page, 1 to {MaxLimit}; default {DefaultLimit}.")
            .WithQuery("after", Microsoft.OpenApi.JsonSchemaType.String, "The next value of the previous page.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IReportStore store, ReportZone zone, CancellationToken cancellationToken)
    {
        var parameters = new ReportParameters(request.Query, new ErrorCollector());
        var from = parameters.Day("from");
        var to = parameters.Day("to");
        var mediaId = parameters.Text("mediaId");
        var contentType = parameters.Text("contentType");
        var downloaded = parameters.Boolean("downloaded");
        var status = parameters.Choice("status", "", SessionStatusText.Names);
        var closeReason = parameters.Choice("closeReason", "", CloseReasonText.Names);
        var limit = parameters.Integer("limit", DefaultLimit, 1, MaxLimit);
        var after = Cursor(parameters);
        if (from is { } first && to is { } last && first > last)
        {
            parameters.Errors.Add("/query/from", "range", "from must not be after to.");
        }

        if (!parameters.Errors.IsEmpty)
        {
            return ProblemResult.Query(parameters.Errors);
        }

        var query = new SessionListQuery(
            from is { } start ? zone.StartOf(start) : null,
            to is { } end && end < DateOnly.MaxValue ? zone.StartOf(end.AddDays(1)) : null,
            mediaId,
            contentType,
            downloaded,
            status.Length == 0 ? null : SessionStatusText.Parse(status),
            closeReason.Length == 0 ? null : CloseReasonText.Parse(closeReason),
            limit,
            after);
        var page = await store.ListSessionsAsync(query, cancellationToken).ConfigureAwait(false);
        return new JsonWriterResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("timeZone", zone.Id);
            writer.WriteStartArray("rows");
            foreach (var item in page.Items)
            {
                WriteItem(writer, item, zone);
            }

            writer.WriteEndArray();
            writer.WriteString("next", page.Next is { } next ? FormatCursor(next) : null);
            writer.WriteEndObject();
        });
    }

    private static void WriteItem(Utf8JsonWriter writer, SessionListItem item, ReportZone zone)
    {
        writer.WriteStartObject();
        writer.WriteString("sessionId", item.SessionId);
        writer.WriteString("status", SessionStatusText.Name(item.Status));
        writer.WriteString("closeReason", CloseReasonText.NameOrNull(item.CloseReason));
        writer.WriteBoolean("downloaded", item.Downloaded);
        writer.WriteString("mediaId", item.MediaId);
        writer.WriteString("mediaName", item.MediaName);
        writer.WriteString("contentType", item.ContentType);
        writer.WriteNumber("firstEventTs", item.FirstEventTs);
        writer.WriteNumber("lastEventTs", item.LastEventTs);
        writer.WriteString("watchedDay", ReportEndpoints.Day(zone.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(item.FirstEventTs, 0, 253_402_300_799_999)))));
        writer.WriteString("receivedAt", item.ReceivedAt);
        if (item.ClosedAt is { } closedAt)
        {
            writer.WriteString("closedAt", closedAt);
        }
        else
        {
            writer.WriteNull("closedAt");
        }

        writer.WriteNumber("eventCount", item.EventCount);
        WriteNullable(writer, "ignoredEvents", item.IgnoredEventCount);
        WriteNullable(writer, "latenessSeconds", item.LatenessSeconds);
        if (item.Measures is { } measures)
        {
            writer.WriteStartObject("metrics");
            ReportFields.WriteMeasures(writer, measures);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("metrics");
        }

        writer.WriteEndObject();
    }

    /// <summary>The cursor is <c>&lt;order key&gt;_&lt;session id&gt;</c>, opaque to clients but readable in logs.</summary>
    private static SessionCursor? Cursor(ReportParameters parameters)
    {
        if (parameters.Single("after") is not { } text)
        {
            return null;
        }

        var separator = text.IndexOf('_', StringComparison.Ordinal);
        if (separator > 0
            && long.TryParse(text.AsSpan(0, separator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var orderKey)
            && SessionIds.IsWellFormed(text[(separator + 1)..]))
        {
            return new SessionCursor(orderKey, text[(separator + 1)..]);
        }

        parameters.Errors.Add("/query/after", "cursor", "after must be the next value of a previous page.");
        return null;
    }

    private static string FormatCursor(SessionCursor cursor) =>
        string.Create(CultureInfo.InvariantCulture, $"{cursor.OrderKey}_{cursor.SessionId}");

    private static void WriteNullable(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
