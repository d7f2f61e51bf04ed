using Microsoft.Extensions.Logging;
using Npgsql;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// The code step of schema 2: every session processed before the reporting tables existed gets its facts, rollup
/// increments, arrival and catalogue entry, rebuilt from its stored report and calls JSON and its session row (no event
/// is reprocessed), written by the same statements as processing, in the migration's transaction.
/// </summary>
internal static class PostgresReportingFill
{
    private const int PageSize = 500;

    public static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ILogger logger, CancellationToken cancellationToken)
    {
        var writes = new ProcessedSessionWrites(SqlDialect.Postgres, ReportSql.FirstMeasures);
        var select =
            $"""
            SELECT {string.Join(", ", SessionRows.Columns.Split(", ").Select(column => "s." + column))}, r.report, r.calls, r.processed_at
            FROM session_reports r JOIN sessions s ON s.session_id = r.session_id
            WHERE r.session_id > @after ORDER BY r.session_id LIMIT {PageSize}
            """;
        var after = "";
        var filled = 0;
        while (true)
        {
            var page = new List<(SessionRow Row, byte[] Report, byte[] Calls, long ProcessedAt)>(PageSize);
            await using (var command = new NpgsqlCommand(select, connection, transaction))
            {
                command.Parameters.AddText("after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add((SessionRows.Read(reader), reader.GetFieldValue<byte[]>(15), reader.GetFieldValue<byte[]>(16), reader.GetInt64(17)));
                }
            }

            if (page.Count > 0)
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var (row, report, calls, processedAt) in page)
                {
                    PostgresWrites.Add(batch, writes, SessionFactsBuilder.FromStoredReport(row, report, calls), processedAt);
                }

                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            filled += page.Count;
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Row.SessionId;
        }

        logger.ReportingTablesFilled(filled);
    }
}
