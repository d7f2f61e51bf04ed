using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Playtrail.Server.Reporting;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Exports;

/// <summary>
/// Streams an export: headers first (media type, attachment file name, the row count known in advance), then the rows
/// as the store yields them. Once the body has started a failure cannot become an error status, so the connection is
/// aborted instead: the client sees a cut-off download, never a complete-looking short file.
/// </summary>
internal sealed class ExportResult(
    ExportKind kind, ExportFormat format, ReportScope scope, ExportQuery query, long rows, IReportStore store, ReportZone zone, ILogger logger)
    : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{ExportEndpoints.FileName(kind, format, scope)}\"";
        response.Headers[ExportEndpoints.RowsHeader] = rows.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var cancellationToken = httpContext.RequestAborted;
        var clock = Stopwatch.StartNew();
        try
        {
            var sessions = store.ExportSessionsAsync(query, includeCalls: kind == ExportKind.Calls, cancellationToken);
            var written = kind == ExportKind.Sessions
                ? await ExportRows.WriteSessionsAsync(sessions, zone, format, response.BodyWriter, cancellationToken).ConfigureAwait(false)
                : await ExportRows.WriteCallsAsync(sessions, zone, format, response.BodyWriter, cancellationToken).ConfigureAwait(false);
            Log.ExportWritten(logger, kind, format.Name, written, clock.ElapsedMilliseconds);
        }
        catch (OperationCanceledException)
        {
            Log.ExportAborted(logger, kind, format.Name, clock.ElapsedMilliseconds);
        }
        catch (Exception exception) when (response.HasStarted)
        {
            Log.ExportFailed(logger, kind, format.Name, exception);
            httpContext.Abort();
        }
    }
}
