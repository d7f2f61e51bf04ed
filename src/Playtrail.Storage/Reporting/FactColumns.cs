using Playtrail.Storage.Sessions;
using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// The columns of <c>session_facts</c> before the measures, in table order, and how a <see cref="SessionFacts"/> is
/// written to and read from them. The measures follow, one column each, in <see cref="MeasureCatalog"/> order.
/// </summary>
internal static class FactColumns
{
    /// <summary>The descriptive columns with their parameter types; nullable ones are marked.</summary>
    public static ImmutableArray<(string Name, DbType Type, bool Nullable)> Descriptive { get; } =
    [
        ("session_id", DbType.String, false),
        ("downloaded", DbType.Boolean, false),
        ("status", DbType.String, false),
        ("close_reason", DbType.String, false),
        ("media_id", DbType.String, false),
        ("media_name", DbType.String, true),
        ("content_type", DbType.String, false),
        ("media_length", DbType.Double, false),
        ("first_ts", DbType.Int64, false),
        ("last_ts", DbType.Int64, false),
        ("received_at", DbType.Int64, false),
        ("closed_at", DbType.Int64, false),
        ("processed_at", DbType.Int64, false),
        ("event_count", DbType.Int32, false),
        ("ignored_event_count", DbType.Int32, false),
        ("calls_count", DbType.Int32, false),
        ("lateness_seconds", DbType.Double, true),
    ];

    /// <summary>Every column of the table, measures included, comma-separated, each prefixed with <paramref name="alias"/>.</summary>
    public static string SelectList(string alias, IReadOnlyList<Measure> measures) =>
        string.Join(", ", Descriptive.Select(column => $"{alias}.{column.Name}").Concat(measures.Select(measure => $"{alias}.{MeasureCatalog.Column(measure)}")));

    /// <summary>The values of <see cref="Descriptive"/> and then of every measure, in column order.</summary>
    public static object?[] Values(SessionFacts facts, long processedAt, IReadOnlyList<Measure> measures)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var values = new object?[Descriptive.Length + measures.Count];
        values[0] = facts.SessionId;
        values[1] = facts.Downloaded;
        values[2] = SessionStatusText.Name(facts.Status);
        values[3] = CloseReasonText.Name(facts.CloseReason);
        values[4] = facts.MediaId;
        values[5] = facts.MediaName;
        values[6] = facts.ContentType;
        values[7] = facts.MediaLength;
        values[8] = facts.FirstEventTs;
        values[9] = facts.LastEventTs;
        values[10] = facts.ReceivedAt.ToUnixTimeMilliseconds();
        values[11] = facts.ClosedAt.ToUnixTimeMilliseconds();
        values[12] = processedAt;
        values[13] = facts.EventCount;
        values[14] = facts.IgnoredEventCount;
        values[15] = facts.CallCount;
        values[16] = facts.LatenessSeconds;
        for (var i = 0; i < measures.Count; i++)
        {
            values[Descriptive.Length + i] = facts.Measures[measures[i]];
        }

        return values;
    }

    /// <summary>Reads a row selected with <see cref="SelectList"/> (all measures) starting at column <paramref name="offset"/>.</summary>
    public static (SessionFacts Facts, long ProcessedAt) Read(DbDataReader reader, int offset)
    {
        var measures = new Measures();
        var first = offset + Descriptive.Length;
        for (var i = 0; i < MeasureCatalog.Count; i++)
        {
            measures.Add((Measure)i, reader.GetDouble(first + i));
        }

        var facts = new SessionFacts(
            SessionId: reader.GetString(offset),
            Downloaded: reader.GetBoolean(offset + 1),
            Status: SessionStatusText.Parse(reader.GetString(offset + 2)),
            CloseReason: CloseReasonText.Parse(reader.GetString(offset + 3)),
            MediaId: reader.GetString(offset + 4),
            MediaName: reader.IsDBNull(offset + 5) ? null : reader.GetString(offset + 5),
            ContentType: reader.GetString(offset + 6),
            MediaLength: reader.GetDouble(offset + 7),
            FirstEventTs: reader.GetInt64(offset + 8),
            LastEventTs: reader.GetInt64(offset + 9),
            ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(offset + 10)),
            ClosedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(offset + 11)),
            EventCount: reader.GetInt32(offset + 13),
            IgnoredEventCount: reader.GetInt32(offset + 14),
            CallCount: reader.GetInt32(offset + 15),
            LatenessSeconds: reader.IsDBNull(offset + 16) ? null : reader.GetDouble(offset + 16),
            Measures: measures);
        return (facts, reader.GetInt64(offset + 12));
    }
}
