using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The code step of schema 5: every session processed before the reporting tables existed gets its facts, rollup
/// increments, arrival and catalogue entry, rebuilt from its stored report and calls JSON and its session row (no event
/// is reprocessed), written by the same statements as processing, in the migration's transaction.
/// </summary>
internal static class SqliteReportingFill
{
    private const int PageSize = 1_000;

    public static void Run(SqliteConnection connection, SqliteTransaction transaction, ILogger logger)
    {
        using var writer = new SqliteFactsWriter(connection, ReportSql.FirstMeasures);
        foreach (var command in writer.Commands)
        {
            command.Transaction = transaction;
        }

        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText =
            $"""
            SELECT {string.Join(", ", SessionRows.Columns.Split(", ").Select(column => "s." + column))}, r.report, r.calls, r.processed_at
            FROM session_reports r JOIN sessions s ON s.session_id = r.session_id
            WHERE r.session_id > $after ORDER BY r.session_id LIMIT {PageSize}
            """;
        var after = select.Parameters.AddWithValue("$after", "");
        var filled = 0;
        while (true)
        {
            // A page is read whole before it is written: the writes never run beside an open read of the same tables.
            var page = new List<(SessionRow Row, byte[] Report, byte[] Calls, long ProcessedAt)>(PageSize);
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    page.Add((SessionRows.Read(reader), reader.GetFieldValue<byte[]>(15), reader.GetFieldValue<byte[]>(16), reader.GetInt64(17)));
                }
            }

            foreach (var (row, report, calls, processedAt) in page)
            {
                writer.Write(SessionFactsBuilder.FromStoredReport(row, report, calls), processedAt);
            }

            filled += page.Count;
            if (page.Count < PageSize)
            {
                break;
            }

            after.Value = page[^1].Row.SessionId;
        }

        logger.ReportingTablesFilled(filled);
    }
}
