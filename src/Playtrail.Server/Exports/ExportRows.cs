using System.IO.Pipelines;
using Playtrail.Server.Reporting;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Exports;

/// <summary>
/// Turns the store's processed sessions into export rows and hands each to a writer as it arrives: one row per
/// session, or one per analytics call. Nothing is collected: memory holds one session (and its calls) at a time plus
/// what the writer buffers.
/// </summary>
internal static class ExportRows
{
    /// <summary>The writer of <paramref name="format"/> for rows of <paramref name="columns"/>.</summary>
    public static IExportWriter<TRow> Writer<TRow>(ExportFormat format, IReadOnlyList<ExportColumn<TRow>> columns, PipeWriter output) =>
        format.Name switch
        {
            "csv" => new CsvExportWriter<TRow>(columns, output),
            "parquet" => new ParquetExportWriter<TRow>(columns, output),
            _ => new NdjsonExportWriter<TRow>(columns, output),
        };

    /// <summary>Writes one row per session as <paramref name="format"/> to <paramref name="output"/>; returns the rows written.</summary>
    public static async Task<long> WriteSessionsAsync(
        IAsyncEnumerable<ExportedSession> sessions, ReportZone zone, ExportFormat format, PipeWriter output, CancellationToken cancellationToken)
    {
        await using var writer = Writer(format, SessionColumns.All, output);
        long rows = 0;
        await foreach (var session in sessions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await writer.WriteAsync(RowOf(session, zone), cancellationToken).ConfigureAwait(false);
            rows++;
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>Writes one row per analytics call as <paramref name="format"/> to <paramref name="output"/>; returns the rows written.</summary>
    public static async Task<long> WriteCallsAsync(
        IAsyncEnumerable<ExportedSession> sessions, ReportZone zone, ExportFormat format, PipeWriter output, CancellationToken cancellationToken)
    {
        await using var writer = Writer(format, CallColumns.All, output);
        long rows = 0;
        var calls = new List<CallRow>();
        await foreach (var session in sessions.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // The store reads the calls when asked to; a session without them made none worth exporting.
            if (session.CallsJson is not { Length: > 0 } json)
            {
                continue;
            }

            CallRowReader.Read(RowOf(session, zone), json, calls);
            foreach (var call in calls)
            {
                await writer.WriteAsync(call, cancellationToken).ConfigureAwait(false);
                rows++;
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static SessionRow RowOf(ExportedSession session, ReportZone zone) =>
        new(session, zone.DayOf(DateTimeOffset.FromUnixTimeMilliseconds(session.Facts.FirstEventTs)));
}
