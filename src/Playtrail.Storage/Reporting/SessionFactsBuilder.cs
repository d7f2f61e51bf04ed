using System.Text.Json;
using Playtrail.Core.Processing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// Builds a processed session's <see cref="SessionFacts"/>: from the processor's report when the session is processed,
/// and from the report JSON stored for it when a migration fills the reporting tables for sessions processed earlier.
/// Both ways give the same facts (a test holds them equal on real sessions).
/// </summary>
public static class SessionFactsBuilder
{
    /// <summary>The facts of a closed session from its row and the processor's report of it.</summary>
    public static SessionFacts FromReport(SessionRow row, SessionReport report)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(report);
        var metrics = report.Metrics;
        var qoe = report.Qoe;
        var values = new ReportValues
        {
            Play = metrics.Play,
            Complete = metrics.Complete,
            Progress10 = metrics.Progress10,
            Progress25 = metrics.Progress25,
            Progress50 = metrics.Progress50,
            Progress75 = metrics.Progress75,
            Progress95 = metrics.Progress95,
            TimePlayed = metrics.TimePlayed,
            TotalTimePlayed = metrics.TotalTimePlayed,
            UniqueTimePlayed = metrics.UniqueTimePlayed,
            AverageMinuteAudience = metrics.AverageMinuteAudience,
            AdCount = metrics.AdCount,
            ChapterCount = metrics.ChapterCount,
            PauseCount = metrics.PauseCount,
            PauseTime = metrics.PauseTime,
            DropBeforeStart = metrics.DropBeforeStart,
            TimeToStart = qoe.TimeToStart,
            BitrateAverage = qoe.BitrateAverage,
            BufferCount = qoe.BufferCount,
            BufferTime = qoe.BufferTime,
            StallCount = qoe.StallCount,
            StallTime = qoe.StallTime,
            ErrorCount = qoe.ErrorCount,
            Error = qoe.Error,
        };
        var ignored = report.IgnoredEvents.Select(ignoredEvent => ignoredEvent.Index).Distinct().Count();
        return Create(row, report.FirstEventTs, report.LastEventTs, report.EventCount, ignored, report.Calls.Count, values);
    }

    /// <summary>
    /// The facts of a processed session from its row and its stored report and calls JSON (as
    /// <see cref="SessionReportJson"/> and <see cref="AnalyticsCallsJson"/> wrote them).
    /// </summary>
    internal static SessionFacts FromStoredReport(SessionRow row, ReadOnlyMemory<byte> reportJson, ReadOnlyMemory<byte> callsJson)
    {
        using var report = JsonDocument.Parse(reportJson);
        using var calls = JsonDocument.Parse(callsJson);
        var root = report.RootElement;
        var metrics = root.GetProperty("metrics");
        var qoe = metrics.GetProperty("qoe");
        var values = new ReportValues
        {
            Play = metrics.GetProperty("play").GetBoolean(),
            Complete = metrics.GetProperty("complete").GetBoolean(),
            Progress10 = metrics.GetProperty("progress10").GetBoolean(),
            Progress25 = metrics.GetProperty("progress25").GetBoolean(),
            Progress50 = metrics.GetProperty("progress50").GetBoolean(),
            Progress75 = metrics.GetProperty("progress75").GetBoolean(),
            Progress95 = metrics.GetProperty("progress95").GetBoolean(),
            TimePlayed = metrics.GetProperty("timePlayed").GetDouble(),
            TotalTimePlayed = metrics.GetProperty("totalTimePlayed").GetDouble(),
            UniqueTimePlayed = metrics.GetProperty("uniqueTimePlayed").GetDouble(),
            AverageMinuteAudience = OptionalDouble(metrics, "averageMinuteAudience"),
            AdCount = metrics.GetProperty("adCount").GetInt32(),
            ChapterCount = metrics.GetProperty("chapterCount").GetInt32(),
            PauseCount = metrics.GetProperty("pauseCount").GetInt32(),
            PauseTime = metrics.GetProperty("pauseTime").GetDouble(),
            DropBeforeStart = metrics.GetProperty("dropBeforeStart").GetInt32(),
            TimeToStart = OptionalDouble(qoe, "timeToStart"),
            BitrateAverage = OptionalDouble(qoe, "bitrateAverage"),
            BufferCount = qoe.GetProperty("bufferCount").GetInt32(),
            BufferTime = qoe.GetProperty("bufferTime").GetDouble(),
            StallCount = qoe.GetProperty("stallCount").GetInt32(),
            StallTime = qoe.GetProperty("stallTime").GetDouble(),
            ErrorCount = qoe.GetProperty("errorCount").GetInt32(),
            Error = qoe.GetProperty("error").GetBoolean(),
        };
        var ignored = root.GetProperty("ignoredEvents").EnumerateArray().Select(entry => entry.GetProperty("index").GetInt32()).Distinct().Count();
        return Create(row, root.GetProperty("firstEventTs").GetInt64(), root.GetProperty("lastEventTs").GetInt64(),
            root.GetProperty("eventCount").GetInt32(), ignored, calls.RootElement.GetArrayLength(), values);
    }

    private static SessionFacts Create(SessionRow row, long firstEventTs, long lastEventTs, int eventCount, int ignoredEventCount, int callCount, ReportValues values)
    {
        if (row.Status == SessionStatus.Active || row.ClosedAt is null || row.CloseReason is null)
        {
            throw new ArgumentException("Only a closed session has facts.", nameof(row));
        }

        // Lateness: how long after its last event a downloaded session reached the server.
        double? lateness = row.Downloaded ? (row.ReceivedAt.ToUnixTimeMilliseconds() - lastEventTs) / 1000.0 : null;
        return new SessionFacts(
            row.SessionId, row.Downloaded, row.Status, row.CloseReason.Value, row.Start.MediaId, row.Start.MediaName, row.Start.ContentType,
            row.Start.Length, firstEventTs, lastEventTs, row.ReceivedAt, row.ClosedAt.Value, eventCount, ignoredEventCount, callCount,
            lateness, values.ToMeasures(row.Downloaded));
    }

    private static double? OptionalDouble(JsonElement parent, string name) =>
        parent.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;
}
