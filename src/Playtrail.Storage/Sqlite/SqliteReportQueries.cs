using System.Globalization;
using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>Reads of processed sessions and of the summary rollups.</summary>
internal static class SqliteReportQueries
{
    public static async Task<StoredReport?> GetReportAsync(SqliteConnection connection, string sessionId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.SelectReport;
        command.Parameters.AddWithValue("$session_id", sessionId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredReport(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    public static async Task<IReadOnlyList<string>> GetUnprocessedAsync(SqliteConnection connection, int limit, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.SelectUnprocessed;
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public static async Task<IReadOnlyList<SummaryRow>> GetSummaryAsync(SqliteConnection connection, SummaryQuery query, CancellationToken cancellationToken)
    {
        // Table and column names come from this fixed switch, never from the request. Only a summary by content
        // needs the per-content rollups; the others read the much smaller totals.
        var (rollups, lateness, rollupKey, latenessKey) = query.GroupBy switch
        {
            SummaryGrouping.Day => ("rollup_totals", "rollup_lateness_totals", "day", "day"),
            SummaryGrouping.Media => ("rollups", "rollup_lateness", "media_id", "media_id"),
            SummaryGrouping.ContentType => ("rollup_totals", "rollup_lateness_totals", "content_type", "content_type"),
            _ => ("rollup_totals", "rollup_lateness_totals", "downloaded", "1"),
        };
        var from = RollupDays.ToNumber(query.From);
        var to = RollupDays.ToNumber(query.To);

        var histograms = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT {latenessKey}, bucket, sum(sessions) FROM {lateness} WHERE day BETWEEN $from AND $to GROUP BY {latenessKey}, bucket";
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = Key(query.GroupBy, reader.GetValue(0));
                if (!histograms.TryGetValue(key, out var histogram))
                {
                    histograms[key] = histogram = [];
                }

                histogram[reader.GetInt32(1)] = reader.GetInt64(2);
            }
        }

        var rows = new List<SummaryRow>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT {rollupKey}, {SqliteStatements.SummaryMeasures} FROM {rollups} WHERE day BETWEEN $from AND $to GROUP BY {rollupKey} ORDER BY {rollupKey}";
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$to", to);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var key = Key(query.GroupBy, reader.GetValue(0));
                rows.Add(new SummaryRow(
                    key,
                    Sessions: reader.GetInt64(1),
                    DownloadedSessions: reader.GetInt64(2),
                    ContentStarts: reader.GetInt64(3),
                    Completes: reader.GetInt64(4),
                    TimePlayed: reader.GetDouble(5),
                    TotalTimePlayed: reader.GetDouble(6),
                    AverageMinuteAudience: reader.GetDouble(7),
                    AdStarts: reader.GetInt64(8),
                    BufferTime: reader.GetDouble(9),
                    ErrorCount: reader.GetInt64(10),
                    Lateness: histograms.TryGetValue(key, out var histogram) ? histogram : new Dictionary<int, long>()));
            }
        }

        return rows;
    }

    private static string Key(SummaryGrouping grouping, object value) => grouping switch
    {
        SummaryGrouping.Day => RollupDays.FromNumber(Convert.ToInt64(value, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SummaryGrouping.Downloaded => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0 ? "downloaded" : "online",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
