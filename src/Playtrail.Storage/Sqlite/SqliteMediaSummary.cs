using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The summary by content. Whole months come from <c>rollup_months</c>, one row per month and content with the
/// lateness histogram inside; the days before and after the whole months from the daily tables. Every row is summed
/// here in a dictionary rather than by GROUP BY: over a year that is ~45,000 monthly rows plus the edge days, and a
/// hash sum is several times cheaper than the sort SQLite uses to group.
/// </summary>
internal static class SqliteMediaSummary
{
    public static async Task<IReadOnlyList<SummaryRow>> GetAsync(SqliteConnection connection, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var range = RollupRange.Split(from, to);
        var totals = new Dictionary<string, Totals>(StringComparer.Ordinal);

        using (var command = Command(connection, SqliteStatements.MonthsByMedia, range))
        {
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            AddRows(reader, totals, cancellationToken);
        }

        if (range.HeadFrom <= range.HeadTo || range.TailFrom <= range.TailTo)
        {
            using (var command = Command(connection, SqliteStatements.EdgeDaysByMedia, range))
            {
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                AddRows(reader, totals, cancellationToken);
            }

            using (var command = Command(connection, SqliteStatements.EdgeDaysLatenessByMedia, range))
            {
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                AddLateness(reader, totals, cancellationToken);
            }
        }

        return totals
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .Select(entry => entry.Value.ToRow(entry.Key))
            .ToList();
    }

    /// <summary>
    /// Sums rows of measures (and a histogram, when the row has one) per content. Synchronous on purpose: SQLite
    /// reads are in-process, and at tens of thousands of rows a task per row would cost more than the row.
    /// </summary>
    private static void AddRows(SqliteDataReader reader, Dictionary<string, Totals> totals, CancellationToken cancellationToken)
    {
        var rows = 0;
        while (reader.Read())
        {
            if (++rows % 16_384 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref var row = ref Row(totals, reader.GetString(0));
            var downloaded = reader.GetBoolean(1);
            var sessions = reader.GetInt64(2);
            row.Sessions += sessions;
            row.DownloadedSessions += downloaded ? sessions : 0;
            row.ContentStarts += reader.GetInt64(3);
            row.Completes += reader.GetInt64(4);
            row.TimePlayed += reader.GetDouble(5);
            row.TotalTimePlayed += reader.GetDouble(6);
            row.AverageMinuteAudience += reader.GetDouble(7);
            row.AdStarts += reader.GetInt64(8);
            row.BufferTime += reader.GetDouble(9);
            row.ErrorCount += reader.GetInt64(10);
            if (!reader.IsDBNull(11))
            {
                AddHistogram(reader.GetFieldValue<byte[]>(11), row.Lateness ??= []);
            }
        }
    }

    /// <summary>Sums daily lateness rows (content, bucket, sessions) into each content's histogram.</summary>
    private static void AddLateness(SqliteDataReader reader, Dictionary<string, Totals> totals, CancellationToken cancellationToken)
    {
        var rows = 0;
        while (reader.Read())
        {
            if (++rows % 16_384 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            ref var row = ref Row(totals, reader.GetString(0));
            ref var sessions = ref CollectionsMarshal.GetValueRefOrAddDefault(row.Lateness ??= [], reader.GetInt32(1), out _);
            sessions += reader.GetInt64(2);
        }
    }

    /// <summary>Adds a stored histogram, a JSON object of bucket → sessions, to <paramref name="histogram"/>.</summary>
    internal static void AddHistogram(ReadOnlySpan<byte> json, Dictionary<int, long> histogram)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // The bucket is the property name; parsed from its bytes so a year's ~600,000 names allocate nothing.
            if (!Utf8Parser.TryParse(reader.ValueSpan, out int bucket, out var consumed) || consumed != reader.ValueSpan.Length)
            {
                throw new InvalidDataException("A stored lateness histogram has a bucket that is not a number.");
            }

            reader.Read();
            ref var sessions = ref CollectionsMarshal.GetValueRefOrAddDefault(histogram, bucket, out _);
            sessions += reader.GetInt64();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, RollupRange range)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$head_from", range.HeadFrom);
        command.Parameters.AddWithValue("$head_to", range.HeadTo);
        command.Parameters.AddWithValue("$month_from", range.MonthFrom);
        command.Parameters.AddWithValue("$month_to", range.MonthTo);
        command.Parameters.AddWithValue("$tail_from", range.TailFrom);
        command.Parameters.AddWithValue("$tail_to", range.TailTo);
        return command;
    }

    private static ref Totals Row(Dictionary<string, Totals> totals, string mediaId) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(totals, mediaId, out _);

    /// <summary>The running sums of one content.</summary>
    private struct Totals
    {
        public long Sessions;
        public long DownloadedSessions;
        public long ContentStarts;
        public long Completes;
        public double TimePlayed;
        public double TotalTimePlayed;
        public double AverageMinuteAudience;
        public long AdStarts;
        public double BufferTime;
        public long ErrorCount;
        public Dictionary<int, long>? Lateness;

        public readonly SummaryRow ToRow(string mediaId) => new(
            mediaId, Sessions, DownloadedSessions, ContentStarts, Completes, TimePlayed, TotalTimePlayed, AverageMinuteAudience,
            AdStarts, BufferTime, ErrorCount, Lateness ?? new Dictionary<int, long>());
    }
}
