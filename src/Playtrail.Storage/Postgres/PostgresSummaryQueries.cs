using System.Globalization;
using System.Runtime.InteropServices;
using Npgsql;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// The summary reads, answering exactly as the SQLite store does: the same keys, order and sums. PostgreSQL groups
/// with a hash aggregate, so the sums are done in SQL here rather than in a dictionary.
/// </summary>
internal static class PostgresSummaryQueries
{
    public static async Task<IReadOnlyList<SummaryRow>> GetSummaryAsync(NpgsqlConnection connection, SummaryQuery query, CancellationToken cancellationToken)
    {
        return query.GroupBy == SummaryGrouping.Media
            ? await ByMediaAsync(connection, query, cancellationToken).ConfigureAwait(false)
            : await ByTotalsAsync(connection, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>By content: whole months from the monthly rollups, the edge days from the daily ones (see <see cref="RollupRange"/>).</summary>
    private static async Task<IReadOnlyList<SummaryRow>> ByMediaAsync(NpgsqlConnection connection, SummaryQuery query, CancellationToken cancellationToken)
    {
        var range = RollupRange.Split(query.From, query.To);
        Dictionary<string, Dictionary<int, long>> histograms;
        await using (var command = RangeCommand(connection, PostgresStatements.SummaryLatenessByMedia, range))
        {
            histograms = await ReadHistogramsAsync(command, reader => reader.GetString(0), cancellationToken).ConfigureAwait(false);
        }

        await using (var command = RangeCommand(connection, PostgresStatements.SummaryByMedia, range))
        {
            var rows = await ReadRowsAsync(command, reader => reader.GetString(0), histograms, cancellationToken).ConfigureAwait(false);
            // Ordered here, by UTF-16 code unit, exactly as the SQLite store orders content ids.
            rows.Sort((left, right) => string.CompareOrdinal(left.Key, right.Key));
            return rows;
        }
    }

    /// <summary>By day, content type or kind, from the totals without the content id.</summary>
    private static async Task<IReadOnlyList<SummaryRow>> ByTotalsAsync(NpgsqlConnection connection, SummaryQuery query, CancellationToken cancellationToken)
    {
        // Columns and ORDER BY come from this fixed switch, never from the request. "C" orders content types by
        // their UTF-8 bytes, as SQLite's BINARY collation does.
        var (column, order, latenessColumn) = query.GroupBy switch
        {
            SummaryGrouping.Day => ("day", "day", "day"),
            SummaryGrouping.ContentType => ("content_type", "content_type COLLATE \"C\"", "content_type"),
            _ => ("downloaded", "downloaded", "true"),
        };
        Func<NpgsqlDataReader, string> key = query.GroupBy switch
        {
            SummaryGrouping.Day => reader => RollupDays.FromNumber(reader.GetInt32(0)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            SummaryGrouping.ContentType => reader => reader.GetString(0),
            _ => reader => reader.GetBoolean(0) ? "downloaded" : "online",
        };
        var latenessGroup = latenessColumn == "true" ? "bucket" : $"{latenessColumn}, bucket";
        var from = RollupDays.ToNumber(query.From);
        var to = RollupDays.ToNumber(query.To);

        Dictionary<string, Dictionary<int, long>> histograms;
        await using (var command = new NpgsqlCommand(
            $"SELECT {latenessColumn}, bucket, sum(sessions)::bigint FROM rollup_lateness_totals WHERE day BETWEEN @from AND @to GROUP BY {latenessGroup}",
            connection))
        {
            command.Parameters.AddInteger("from", from);
            command.Parameters.AddInteger("to", to);
            histograms = await ReadHistogramsAsync(command, key, cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(
            $"SELECT {column}, {PostgresStatements.SummaryMeasures} FROM rollup_totals WHERE day BETWEEN @from AND @to GROUP BY {column} ORDER BY {order}",
            connection))
        {
            command.Parameters.AddInteger("from", from);
            command.Parameters.AddInteger("to", to);
            return await ReadRowsAsync(command, key, histograms, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<List<SummaryRow>> ReadRowsAsync(
        NpgsqlCommand command, Func<NpgsqlDataReader, string> key, Dictionary<string, Dictionary<int, long>> histograms, CancellationToken cancellationToken)
    {
        var rows = new List<SummaryRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(SummaryRowReader.Read(reader, key(reader), histograms));
        }

        return rows;
    }

    /// <summary>Reads (group, bucket, sessions) rows into one histogram per group.</summary>
    private static async Task<Dictionary<string, Dictionary<int, long>>> ReadHistogramsAsync(
        NpgsqlCommand command, Func<NpgsqlDataReader, string> key, CancellationToken cancellationToken)
    {
        var histograms = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ref var histogram = ref CollectionsMarshal.GetValueRefOrAddDefault(histograms, key(reader), out _);
            histogram ??= [];
            ref var sessions = ref CollectionsMarshal.GetValueRefOrAddDefault(histogram, reader.GetInt32(1), out _);
            sessions += reader.GetInt64(2);
        }

        return histograms;
    }

    private static NpgsqlCommand RangeCommand(NpgsqlConnection connection, string sql, RollupRange range)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddInteger("head_from", range.HeadFrom);
        command.Parameters.AddInteger("head_to", range.HeadTo);
        command.Parameters.AddInteger("month_from", range.MonthFrom);
        command.Parameters.AddInteger("month_to", range.MonthTo);
        command.Parameters.AddInteger("tail_from", range.TailFrom);
        command.Parameters.AddInteger("tail_to", range.TailTo);
        return command;
    }
}
