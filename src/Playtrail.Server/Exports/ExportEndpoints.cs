using System.Globalization;
using Playtrail.Core.Validation;
using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;
using Playtrail.Server.Reporting;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Exports;

/// <summary>
/// <c>GET /api/v1/exports/sessions</c> and <c>GET /api/v1/exports/calls</c>: every processed session of the days
/// <c>from</c> to <c>to</c> (or each of their analytics calls) matching the shared filters, streamed as NDJSON, CSV or
/// Parquet (docs/reporting.md, "Exports").
/// </summary>
internal static class ExportEndpoints
{
    /// <summary>The response header with the number of rows the export will hold, counted before it starts.</summary>
    public const string RowsHeader = "Playtrail-Export-Rows";

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/v1/exports").WithTags("Exports")
            .ProducesFile(StatusCodes.Status200OK, ExportFormat.Ndjson.ContentType, ExportFormat.Csv.ContentType, ExportFormat.Parquet.ContentType)
            .WithScopeQuery()
            .WithQuery("format", Microsoft.OpenApi.JsonSchemaType.String, "ndjson (the default), csv or parquet.")
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        exports.MapGet("/sessions", (HttpContext context, ReportZone zone, TimeProvider timeProvider, ILoggerFactory loggers) =>
            ExportAsync(ExportKind.Sessions, context, zone, timeProvider, loggers))
            .WithName("ExportSessions")
            .WithSummary("Every processed session of the days from..to matching the filters, as NDJSON, CSV or Parquet.");
        exports.MapGet("/calls", (HttpContext context, ReportZone zone, TimeProvider timeProvider, ILoggerFactory loggers) =>
            ExportAsync(ExportKind.Calls, context, zone, timeProvider, loggers))
            .WithName("ExportCalls")
            .WithSummary("Every analytics call of the matching sessions, as NDJSON, CSV or Parquet.");
        return app;
    }

    private static async Task<IResult> ExportAsync(ExportKind kind, HttpContext context, ReportZone zone, TimeProvider timeProvider, ILoggerFactory loggers)
    {
        var parameters = new ReportParameters(context.Request.Query, new ErrorCollector());
        var scope = parameters.Scope(zone, timeProvider.GetUtcNow());
        var format = parameters.Choice("format", ExportFormat.Ndjson.Name, ExportFormat.Names);
        if (scope is null || !parameters.Errors.IsEmpty)
        {
            return ProblemResult.Query(parameters.Errors);
        }

        // Resolved only once the parameters are known good, so a bad request is answered without touching the store.
        var store = context.RequestServices.GetRequiredService<IReportStore>();
        var query = new ExportQuery(scope.Start, scope.End, scope.Filter);
        var count = await store.CountExportAsync(query, context.RequestAborted).ConfigureAwait(false);
        var rows = kind == ExportKind.Sessions ? count.Sessions : count.Calls;
        var logger = loggers.CreateLogger(typeof(ExportEndpoints).FullName!);
        return new ExportResult(kind, ExportFormat.Of(format), scope, query, rows, store, zone, logger);
    }

    /// <summary><c>playtrail-sessions-2026-11-01-2026-11-30.parquet</c>.</summary>
    public static string FileName(ExportKind kind, ExportFormat format, ReportScope scope) =>
        string.Create(CultureInfo.InvariantCulture,
            $"playtrail-{(kind == ExportKind.Sessions ? "sessions" : "calls")}-{scope.From:yyyy-MM-dd}-{scope.To:yyyy-MM-dd}.{format.Extension}");
}
