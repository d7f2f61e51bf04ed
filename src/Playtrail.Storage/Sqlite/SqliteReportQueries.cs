using System.Globalization;
using System.Runtime.InteropServices;
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
        if (query.GroupBy == SummaryGrouping.Media)
        {
            return await SqliteMediaSummary.GetAsync(connection, query.From, query.To, cancellationToken).ConfigureAwait(false);
        }

        var (rollupsSql, latenessSql) = SummaryStatements(query.GroupBy);

        Dictionary<string, Dictionary<int, long>> histograms;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = latenessSql;
            AddRange(command, query);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            histograms = await ReadHistogramsAsync(reader, query.GroupBy, cancellationToken).ConfigureAwait(false);
        }

        var rows = new List<SummaryRow>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = rollupsSql;
            AddRange(command, query);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(SummaryRowReader.Read(reader, Key(query.GroupBy, reader.GetValue(0)), histograms));
            }
        }

        return rows;
    }

    /// <summary>Reads (group, bucket, sessions) rows into one histogram per group.</summary>
    private static async Task<Dictionary<string, Dictionary<int, long>>> ReadHistogramsAsync(
        SqliteDataReader reader, SummaryGrouping grouping, CancellationToken cancellationToken)
    {
        var histograms = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ref var histogram = ref CollectionsMarshal.GetValueRefOrAddDefault(histograms, Key(grouping, reader.GetValue(0)), out _);
            histogram ??= [];
            histogram[reader.GetInt32(1)] = reader.GetInt64(2);
        }

        return histograms;
    }

    /// <summary>
    /// The rollups and lateness statements of a grouping other than content (see <see cref="SqliteMediaSummary"/>).
    /// Table and column names come from this fixed switch, never from the request; these read the totals without
    /// the content id.
    /// </summary>
    private static (string Rollups, string Lateness) SummaryStatements(SummaryGrouping grouping)
    {
        var (rollupKey, latenessKey) = grouping switch
        {
            SummaryGrouping.Day => ("day", "day"),
            SummaryGrouping.ContentType => ("content_type", "content_type"),
            _ => ("downloaded", "1"),
        };
        return (
            $"SELECT {rollupKey}, {SqliteStatements.SummaryMeasures} FROM rollup_totals WHERE day BETWEEN $from AND $to GROUP BY {rollupKey} ORDER BY {rollupKey}",
            $"SELECT {latenessKey}, bucket, sum(sessions) FROM rollup_lateness_totals WHERE day BETWEEN $from AND $to GROUP BY {latenessKey}, bucket");
    }

    private static void AddRange(SqliteCommand command, SummaryQuery query)
    {
        command.Parameters.AddWithValue("$from", RollupDays.ToNumber(query.From));
        command.Parameters.AddWithValue("$to", RollupDays.ToNumber(query.To));
    }

    private static string Key(SummaryGrouping grouping, object value) => grouping switch
    {
        SummaryGrouping.Day => RollupDays.FromNumber(Convert.ToInt64(value, CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SummaryGrouping.Downloaded => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0 ? "downloaded" : "online",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
