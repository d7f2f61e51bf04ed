using System.Text.Json;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Reporting;

/// <summary>
/// The numbers a report row serves: every summed measure under its catalogue name, then the averages and ratios
/// computed from them. One list, used to write rows and to sort them, so the dashboard, the API and the sort order
/// can never disagree on what a field means.
/// </summary>
internal static class ReportFields
{
    /// <summary>The computed fields, in the order they are written.</summary>
    public static IReadOnlyList<(string Name, Func<Measures, double?> Value)> Derived { get; } =
    [
        ("onlineSessions", measures => measures[Measure.Sessions] - measures[Measure.DownloadedSessions]),
        ("bufferRatio", measures => Ratio(measures[Measure.BufferTime], measures[Measure.BufferTime] + measures[Measure.TotalTimePlayed]) ?? 0),
        ("averageTimeToStart", measures => Ratio(measures[Measure.TimeToStartSum], measures[Measure.TimeToStartSessions])),
        ("averageBitrate", measures => Ratio(measures[Measure.BitrateWeightedSum], measures[Measure.BitrateTime])),
        ("errorsPerSession", measures => Ratio(measures[Measure.ErrorCount], measures[Measure.Sessions])),
        ("completionRate", measures => Ratio(measures[Measure.Completes], measures[Measure.ContentStarts])),
    ];

    /// <summary>Every field a report can be sorted by: <c>key</c>, each measure and each computed field.</summary>
    public static IReadOnlyList<string> SortNames { get; } =
        ["key", .. MeasureCatalog.All.Select(MeasureCatalog.JsonName), .. Derived.Select(field => field.Name)];

    /// <summary>The value <paramref name="name"/> sorts by (null sorts below every number).</summary>
    public static Func<Measures, double?> Value(string name)
    {
        foreach (var measure in MeasureCatalog.All)
        {
            if (MeasureCatalog.JsonName(measure) == name)
            {
                return measures => measures[measure];
            }
        }

        return Derived.First(field => field.Name == name).Value;
    }

    /// <summary>Writes the measures and computed fields as properties of the current object.</summary>
    public static void WriteMeasures(Utf8JsonWriter writer, Measures measures)
    {
        foreach (var measure in MeasureCatalog.All)
        {
            Write(writer, MeasureCatalog.JsonName(measure), measures[measure], MeasureCatalog.IsCount(measure));
        }

        foreach (var (name, value) in Derived)
        {
            if (value(measures) is { } number)
            {
                Write(writer, name, number, isCount: name == "onlineSessions");
            }
            else
            {
                writer.WriteNull(name);
            }
        }
    }

    /// <summary>
    /// Writes <c>lateness</c>: null without downloaded sessions, else the sessions, p50 and p95 (upper bounds of
    /// their buckets, seconds) and every non-empty bucket as <c>{ le, sessions }</c> in ascending order.
    /// </summary>
    public static void WriteLateness(Utf8JsonWriter writer, IReadOnlyDictionary<int, long> histogram)
    {
        var sessions = histogram.Values.Sum();
        if (sessions == 0)
        {
            writer.WriteNull("lateness");
            return;
        }

        writer.WriteStartObject("lateness");
        writer.WriteNumber("sessions", sessions);
        writer.WriteNumber("p50", LatenessHistogram.Percentile(histogram, 0.5)!.Value);
        writer.WriteNumber("p95", LatenessHistogram.Percentile(histogram, 0.95)!.Value);
        writer.WriteStartArray("buckets");
        foreach (var (bucket, count) in histogram.Where(entry => entry.Value > 0).OrderBy(entry => entry.Key))
        {
            writer.WriteStartObject();
            writer.WriteNumber("le", LatenessHistogram.UpperBound(bucket));
            writer.WriteNumber("sessions", count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, string name, double value, bool isCount)
    {
        if (!double.IsFinite(value))
        {
            // JSON has no infinities; a sum that overflowed is reported as unknown rather than failing the whole answer.
            writer.WriteNull(name);
            return;
        }

        // Counts are whole by construction; written as integers so clients need not round them.
        if (isCount && Math.Abs(value) < 9e15)
        {
            writer.WriteNumber(name, (long)Math.Round(value));
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}
