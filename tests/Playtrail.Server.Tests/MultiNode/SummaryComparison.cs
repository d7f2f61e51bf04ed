using System.Text.Json;

namespace Playtrail.Server.Tests.MultiNode;

/// <summary>
/// Compares two <c>/api/v1/reports/summary</c> documents row by row and lists the differences.
/// Counts must be equal. Sums of seconds must agree within 1e-6 relative: the stores add the same per-session doubles
/// in different orders. Lateness (receive time minus last event time) depends on when each upload arrived, which
/// differs between two runs by seconds against months of lateness: its session count must be equal, and its
/// percentiles (histogram bucket bounds, about 19 % apart) may differ by at most one bucket unless the receive times
/// are the same (<paramref name="sameReceiveTimes"/>, two nodes of one database), when they must be equal too.
/// </summary>
internal static class SummaryComparison
{
    private const double Tolerance = 1e-6;
    private const double OneLatenessBucket = 1.2;

    private static readonly string[] Counts =
        ["starts", "contentStarts", "completes", "adStarts", "errorCount", "downloadedSessions", "onlineSessions"];

    private static readonly string[] Seconds =
        ["timePlayed", "totalTimePlayed", "averageMinuteAudience", "bufferTime", "bufferRatio"];

    public static IReadOnlyList<string> Differences(JsonElement expected, JsonElement actual, bool sameReceiveTimes)
    {
        var differences = new List<string>();
        var expectedRows = Rows(expected);
        var actualRows = Rows(actual);
        if (!expectedRows.Keys.Order(StringComparer.Ordinal).SequenceEqual(actualRows.Keys.Order(StringComparer.Ordinal)))
        {
            differences.Add($"keys [{string.Join(", ", expectedRows.Keys)}] != [{string.Join(", ", actualRows.Keys)}]");
            return differences;
        }

        foreach (var (key, row) in expectedRows)
        {
            var other = actualRows[key];
            differences.AddRange(Counts.Where(name => row.GetProperty(name).GetInt64() != other.GetProperty(name).GetInt64())
                .Select(name => $"{key}.{name}: {row.GetProperty(name).GetInt64()} != {other.GetProperty(name).GetInt64()}"));
            differences.AddRange(Seconds.Where(name => !Close(row.GetProperty(name).GetDouble(), other.GetProperty(name).GetDouble()))
                .Select(name => $"{key}.{name}: {Text(row.GetProperty(name))} != {Text(other.GetProperty(name))}"));
            differences.AddRange(LatenessDifferences(key, row.GetProperty("lateness"), other.GetProperty("lateness"), sameReceiveTimes));
        }

        return differences;
    }

    private static IEnumerable<string> LatenessDifferences(string key, JsonElement expected, JsonElement actual, bool sameReceiveTimes)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            yield return $"{key}.lateness: {expected.ValueKind} != {actual.ValueKind}";
            yield break;
        }

        if (expected.ValueKind == JsonValueKind.Null)
        {
            yield break;
        }

        if (expected.GetProperty("sessions").GetInt64() != actual.GetProperty("sessions").GetInt64())
        {
            yield return $"{key}.lateness.sessions: {Text(expected.GetProperty("sessions"))} != {Text(actual.GetProperty("sessions"))}";
        }

        foreach (var name in new[] { "p50", "p95" })
        {
            var (left, right) = (expected.GetProperty(name).GetDouble(), actual.GetProperty(name).GetDouble());
            var same = sameReceiveTimes ? left == right : Math.Max(left, right) <= Math.Min(left, right) * OneLatenessBucket;
            if (!same)
            {
                yield return $"{key}.lateness.{name}: {Text(expected.GetProperty(name))} != {Text(actual.GetProperty(name))}";
            }
        }
    }

    private static Dictionary<string, JsonElement> Rows(JsonElement summary) =>
        summary.GetProperty("rows").EnumerateArray().ToDictionary(row => row.GetProperty("key").GetString()!, StringComparer.Ordinal);

    private static bool Close(double expected, double actual) =>
        Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(expected), Math.Abs(actual)));

    private static string Text(JsonElement value) => value.GetRawText();
}
