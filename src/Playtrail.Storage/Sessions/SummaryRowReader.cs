using System.Data.Common;

namespace Playtrail.Storage.Sessions;

/// <summary>Builds a <see cref="SummaryRow"/> from a summary statement's row, the same way for every store.</summary>
internal static class SummaryRowReader
{
    /// <summary>
    /// Reads the ten summed measures from columns 1 to 10 (sessions, downloaded sessions, content starts, completes,
    /// time played, total time played, average minute audience, ad starts, buffer time, errors) and attaches the
    /// group's lateness histogram, empty when it has none.
    /// </summary>
    public static SummaryRow Read(DbDataReader reader, string key, IReadOnlyDictionary<string, Dictionary<int, long>> histograms) => new(
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
        Lateness: histograms.TryGetValue(key, out var histogram) ? histogram : new Dictionary<int, long>());
}
