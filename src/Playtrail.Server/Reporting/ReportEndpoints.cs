using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Playtrail.Core.Validation;
using Playtrail.Server.Access;
using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;
using Microsoft.OpenApi;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Reporting;

/// <summary>
/// The reporting API over the rollups: the summary (totals, by day, content, content type or kind; sorted and paged
/// for rankings), downloaded arrivals, upload outcomes, the sessions open now, and what the dashboard shows in its
/// header. docs/reporting.md describes every field.
/// </summary>
internal static class ReportEndpoints
{
    private static readonly string[] Groupings = ["day", "media", "contentType", "downloaded", "total"];

    private static readonly string[] Orders = ["asc", "desc"];

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Reporting")
            .ProducesJson(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status401Unauthorized);
        api.MapGet("/reports/summary", GetSummaryAsync).WithName("GetSummary")
            .WithSummary("Totals of the days from..to, grouped by day, media, content type, downloaded or in total; sorted and paged.")
            .WithScopeQuery()
            .WithQuery("groupBy", JsonSchemaType.String, "day (the default), media, contentType, downloaded or total.")
            .WithQuery("sort", JsonSchemaType.String, "key (the default) or a metric's name (docs/reporting.md).")
            .WithQuery("order", JsonSchemaType.String, "asc or desc; default asc when sorting by key, desc otherwise.")
            .WithQuery("limit", JsonSchemaType.Integer, "Rows to return, 1 to 1000; default all.")
            .WithQuery("offset", JsonSchemaType.Integer, "Rows to skip; default 0.")
            .ProducesProblems(StatusCodes.Status400BadRequest);
        api.MapGet("/reports/arrivals", GetArrivalsAsync).WithName("GetArrivals")
            .WithSummary("Downloaded sessions by the day they were watched and the day they arrived.")
            .WithScopeQuery()
            .ProducesProblems(StatusCodes.Status400BadRequest);
        api.MapGet("/reports/uploads", GetUploadsAsync).WithName("GetUploads")
            .WithSummary("Downloaded uploads by day: accepted, repeated, and refused by reason.")
            .WithScopeQuery()
            .ProducesProblems(StatusCodes.Status400BadRequest);
        api.MapGet("/reports/active", GetActiveAsync).WithName("GetActiveSessions")
            .WithSummary("The sessions open now, in total and by content type.");
        api.MapGet("/server", GetServer).WithName("GetServer")
            .WithSummary("The version, report time zone, store and access mode the dashboard shows.");
        return app;
    }

    private static async Task<IResult> GetSummaryAsync(
        HttpRequest request, IReportStore store, ReportZone zone, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var parameters = new ReportParameters(request.Query, new ErrorCollector());
        var scope = parameters.Scope(zone, timeProvider.GetUtcNow());
        var groupBy = parameters.Choice("groupBy", "day", Groupings);
        var sort = parameters.Choice("sort", "key", ReportFields.SortNames);
        var order = parameters.Choice("order", sort == "key" ? "asc" : "desc", Orders);
        var limit = parameters.Integer("limit", int.MaxValue, 1, 1000);
        var offset = parameters.Integer("offset", 0, 0, int.MaxValue);
        if (scope is null || !parameters.Errors.IsEmpty)
        {
            return ProblemResult.Query(parameters.Errors);
        }

        var grouping = groupBy switch
        {
            "media" => ReportGrouping.Media,
            "contentType" => ReportGrouping.ContentType,
            "downloaded" => ReportGrouping.Downloaded,
            "total" => ReportGrouping.Total,
            _ => ReportGrouping.Day,
        };
        var rows = await store.GetReportAsync(new ReportQuery(scope.From, scope.To, zone.Zone, grouping, scope.Filter), cancellationToken)
            .ConfigureAwait(false);
        var page = Page(rows, sort, order == "desc", offset, limit);
        var names = grouping == ReportGrouping.Media && page.Count > 0
            ? await store.GetMediaAsync([.. page.Select(row => row.Key)], cancellationToken).ConfigureAwait(false)
            : null;

        return new JsonWriterResult(writer =>
        {
            writer.WriteStartObject();
            WriteScope(writer, scope, zone);
            writer.WriteString("groupBy", groupBy);
            writer.WriteString("sort", sort);
            writer.WriteString("order", order);
            writer.WriteNumber("totalRows", rows.Count);
            writer.WriteNumber("offset", offset);
            writer.WriteStartArray("rows");
            foreach (var row in page)
            {
                writer.WriteStartObject();
                writer.WriteString("key", row.Key);
                if (names is not null)
                {
                    var entry = names.GetValueOrDefault(row.Key);
                    writer.WriteString("name", entry?.Name);
                    writer.WriteString("contentType", entry?.ContentType);
                    if (entry is null)
                    {
                        writer.WriteNull("length");
                    }
                    else
                    {
                        writer.WriteNumber("length", entry.Length);
                    }
                }

                ReportFields.WriteMeasures(writer, row.Measures);
                ReportFields.WriteLateness(writer, row.Lateness);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> GetArrivalsAsync(
        HttpRequest request, IReportStore store, ReportZone zone, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var parameters = new ReportParameters(request.Query, new ErrorCollector());
        if (parameters.Scope(zone, timeProvider.GetUtcNow()) is not { } scope)
        {
            return ProblemResult.Query(parameters.Errors);
        }

        var cells = await store.GetArrivalsAsync(new ReportQuery(scope.From, scope.To, zone.Zone, ReportGrouping.Day, scope.Filter), cancellationToken)
            .ConfigureAwait(false);
        return ScopedList(scope, zone, "cells", cells.OrderBy(cell => cell.Watched).ThenBy(cell => cell.Received), (writer, cell) =>
        {
            writer.WriteString("watched", Day(cell.Watched));
            writer.WriteString("received", Day(cell.Received));
            writer.WriteNumber("sessions", cell.Sessions);
            writer.WriteNumber("timePlayed", cell.TimePlayed);
        });
    }

    private static async Task<IResult> GetUploadsAsync(
        HttpRequest request, IReportStore store, ReportZone zone, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var parameters = new ReportParameters(request.Query, new ErrorCollector());
        if (parameters.Scope(zone, timeProvider.GetUtcNow()) is not { } scope)
        {
            return ProblemResult.Query(parameters.Errors);
        }

        var fromHour = Math.DivRem(scope.Start.ToUnixTimeMilliseconds(), 3_600_000, out _);
        var toHour = (scope.End.ToUnixTimeMilliseconds() - 1) / 3_600_000;
        var counts = await store.GetUploadCountsAsync(fromHour, toHour, cancellationToken).ConfigureAwait(false);
        var days = UploadDays.Group(counts, zone);
        return ScopedList(scope, zone, "rows", days, (writer, day) =>
        {
            writer.WriteString("day", Day(day.Day));
            writer.WriteNumber("accepted", day.Accepted);
            writer.WriteNumber("repeated", day.Repeated);
            writer.WriteNumber("refused", day.RefusedBy.Values.Sum());
            writer.WriteStartObject("refusedBy");
            foreach (var (reason, count) in day.RefusedBy.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(reason, count);
            }

            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> GetActiveAsync(IReportStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var active = await store.GetActiveSessionsAsync(cancellationToken).ConfigureAwait(false);
        var asOf = timeProvider.GetUtcNow();
        return new JsonWriterResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("active", active.Total);
            writer.WriteStartObject("byContentType");
            foreach (var (contentType, count) in active.ByContentType.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(contentType, count);
            }

            writer.WriteEndObject();
            writer.WriteString("asOf", asOf);
            writer.WriteEndObject();
        });
    }

    private static JsonWriterResult GetServer(ReportZone zone, ReportingAccess access, IConfiguration configuration)
    {
        var version = typeof(ReportEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var store = (configuration["Storage:Provider"] is { Length: > 0 } provider ? provider : "sqlite").Trim().ToLowerInvariant();
        return new JsonWriterResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("name", "Playtrail");
            writer.WriteString("version", version.Split('+')[0]);
            writer.WriteString("timeZone", zone.Id);
            writer.WriteString("store", store);
            writer.WriteString("access", access.IsOpen ? "open" : "keys");
            writer.WriteEndObject();
        });
    }

    /// <summary>Sorts the rows (ties by key, so pages never overlap) and cuts the page.</summary>
    private static List<ReportRow> Page(IReadOnlyList<ReportRow> rows, string sort, bool descending, int offset, int limit)
    {
        IEnumerable<ReportRow> ordered;
        if (sort == "key")
        {
            ordered = descending ? rows.OrderByDescending(row => row.Key, StringComparer.Ordinal) : rows.OrderBy(row => row.Key, StringComparer.Ordinal);
        }
        else
        {
            var value = ReportFields.Value(sort);
            var keyed = rows.Select(row => (Row: row, Value: value(row.Measures) ?? double.NegativeInfinity));
            ordered = (descending ? keyed.OrderByDescending(entry => entry.Value) : keyed.OrderBy(entry => entry.Value))
                .ThenBy(entry => entry.Row.Key, StringComparer.Ordinal)
                .Select(entry => entry.Row);
        }

        return [.. ordered.Skip(offset).Take(limit)];
    }

    /// <summary>An answer of the scope's days and filters and one list of objects, each written by <paramref name="writeItem"/>.</summary>
    private static JsonWriterResult ScopedList<T>(ReportScope scope, ReportZone zone, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem) =>
        new(writer =>
        {
            writer.WriteStartObject();
            WriteScope(writer, scope, zone);
            writer.WriteStartArray(name);
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writeItem(writer, item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static void WriteScope(Utf8JsonWriter writer, ReportScope scope, ReportZone zone)
    {
        writer.WriteString("from", Day(scope.From));
        writer.WriteString("to", Day(scope.To));
        writer.WriteString("timeZone", zone.Id);
        writer.WriteStartObject("filters");
        writer.WriteString("contentType", scope.Filter.ContentType);
        if (scope.Filter.Downloaded is { } downloaded)
        {
            writer.WriteBoolean("downloaded", downloaded);
        }
        else
        {
            writer.WriteNull("downloaded");
        }

        writer.WriteString("mediaId", scope.Filter.MediaId);
        writer.WriteEndObject();
    }

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
