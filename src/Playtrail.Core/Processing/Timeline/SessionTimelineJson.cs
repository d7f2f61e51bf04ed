using System.Buffers;
using System.Text.Json;
using Playtrail.Core.Events;

namespace Playtrail.Core.Processing.Timeline;

/// <summary>
/// Writes a session timeline as <c>GET /api/v1/sessions/{sid}/timeline</c> serves it; <c>docs/reporting.md</c>,
/// "Session timeline", describes every field. Times are epoch milliseconds, playheads and durations seconds; every key
/// is always written, <c>null</c> when the value is unknown.
/// </summary>
public static class SessionTimelineJson
{
    /// <summary>Writes <paramref name="timeline"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, SessionTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(timeline);
        var report = timeline.Report;
        var started = report.Metrics.View;
        writer.WriteStartObject();
        writer.WriteString("sessionId", report.SessionId);
        writer.WriteBoolean("downloaded", report.Downloaded);
        writer.WriteString("close", CloseName(report.Close));
        WriteTs(writer, "firstTs", started ? report.FirstEventTs : null);
        WriteTs(writer, "lastTs", started ? report.LastEventTs : null);
        writer.WriteStartObject("media");
        writer.WriteString("id", report.Media.Id);
        writer.WriteString("name", report.Media.Name);
        writer.WriteNumber("length", report.Media.Length);
        writer.WriteEndObject();
        WriteTotals(writer, report);
        WriteStates(writer, timeline.States);
        WriteAdBreaks(writer, timeline.AdBreaks);
        WriteAds(writer, timeline.Ads);
        WriteChapters(writer, timeline.Chapters);
        WritePlayerStates(writer, timeline.PlayerStates);
        writer.WriteStartArray("bitrate");
        foreach (var step in timeline.Bitrate)
        {
            writer.WriteStartObject();
            writer.WriteNumber("ts", step.Ts);
            writer.WriteNumber("value", step.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteErrors(writer, timeline.Errors);
        writer.WriteStartArray("playhead");
        foreach (var sample in timeline.Playhead)
        {
            writer.WriteStartObject();
            writer.WriteNumber("ts", sample.Ts);
            writer.WriteNumber("playhead", sample.Playhead);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteEvents(writer, timeline.Events);
        writer.WriteEndObject();
    }

    /// <summary>The timeline as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8Bytes(SessionTimeline timeline)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, timeline);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string StateName(TimelineState state) => state switch
    {
        TimelineState.Starting => "starting",
        TimelineState.Playing => "playing",
        TimelineState.Paused => "paused",
        TimelineState.Buffering => "buffering",
        TimelineState.Stalled => "stalled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The close kind's name: <c>open</c>, or the close reason the store keeps (<c>complete</c>, <c>endOfArray</c>, ...).</summary>
    private static string CloseName(SessionCloseKind close) => close switch
    {
        SessionCloseKind.Open => "open",
        SessionCloseKind.Complete => "complete",
        SessionCloseKind.End => "end",
        SessionCloseKind.Idle => "idle",
        SessionCloseKind.Stall => "stall",
        SessionCloseKind.EndOfArray => "endOfArray",
        _ => throw new ArgumentOutOfRangeException(nameof(close), close, null),
    };

    private static void WriteTotals(Utf8JsonWriter writer, SessionReport report)
    {
        // The report's times, which the intervals add up to, so a reader can check and show them side by side.
        writer.WriteStartObject("totals");
        writer.WriteNumber("timePlayed", report.Metrics.TimePlayed);
        writer.WriteNumber("totalTimePlayed", report.Metrics.TotalTimePlayed);
        writer.WriteNumber("pauseTime", report.Metrics.PauseTime);
        writer.WriteNumber("bufferTime", report.Qoe.BufferTime);
        writer.WriteNumber("stallTime", report.Qoe.StallTime);
        writer.WriteNumber("stallCount", report.Qoe.StallCount);
        writer.WriteEndObject();
    }

    private static void WriteStates(Utf8JsonWriter writer, IReadOnlyList<TimelineInterval> states)
    {
        writer.WriteStartArray("states");
        foreach (var interval in states)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", interval.Start);
            writer.WriteNumber("end", interval.End);
            writer.WriteNumber("startPlayhead", interval.StartPlayhead);
            writer.WriteNumber("endPlayhead", interval.EndPlayhead);
            writer.WriteString("state", StateName(interval.State));
            writer.WriteBoolean("inBreak", interval.InBreak);
            writer.WriteBoolean("inAd", interval.InAd);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteAdBreaks(Utf8JsonWriter writer, IReadOnlyList<TimelineAdBreak> adBreaks)
    {
        writer.WriteStartArray("adBreaks");
        foreach (var adBreak in adBreaks)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", adBreak.Start);
            writer.WriteNumber("end", adBreak.End);
            writer.WriteBoolean("open", adBreak.Open);
            writer.WriteNumber("podIndex", adBreak.PodIndex);
            writer.WriteNumber("podSecond", adBreak.PodSecond);
            writer.WriteString("name", adBreak.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteAds(Utf8JsonWriter writer, IReadOnlyList<TimelineAd> ads)
    {
        writer.WriteStartArray("ads");
        foreach (var (start, end, open, ad) in ads)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", start);
            writer.WriteNumber("end", end);
            writer.WriteBoolean("open", open);
            writer.WriteString("adId", ad.Id);
            writer.WriteString("name", ad.Name);
            writer.WriteNumber("podIndex", ad.PodIndex);
            writer.WriteNumber("podPosition", ad.PodPosition);
            writer.WriteNumber("length", ad.Length);
            writer.WriteBoolean("complete", ad.Complete);
            writer.WriteBoolean("skipped", ad.Skipped);
            writer.WriteNumber("timePlayed", ad.TimePlayed);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteChapters(Utf8JsonWriter writer, IReadOnlyList<TimelineChapter> chapters)
    {
        writer.WriteStartArray("chapters");
        foreach (var (start, end, open, chapter) in chapters)
        {
            writer.WriteStartObject();
            writer.WriteNumber("start", start);
            writer.WriteNumber("end", end);
            writer.WriteBoolean("open", open);
            writer.WriteNumber("index", chapter.Index);
            writer.WriteString("name", chapter.FriendlyName);
            writer.WriteNumber("offset", chapter.Offset);
            writer.WriteNumber("length", chapter.Length);
            writer.WriteBoolean("complete", chapter.Complete);
            writer.WriteBoolean("skipped", chapter.Skipped);
            writer.WriteNumber("timePlayed", chapter.TimePlayed);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WritePlayerStates(Utf8JsonWriter writer, IReadOnlyList<TimelinePlayerState> playerStates)
    {
        writer.WriteStartArray("playerStates");
        foreach (var state in playerStates)
        {
            writer.WriteStartObject();
            writer.WriteString("name", state.Name);
            writer.WriteNumber("start", state.Start);
            writer.WriteNumber("end", state.End);
            writer.WriteBoolean("open", state.Open);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<TimelineError> errors)
    {
        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteNumber("ts", error.Ts);
            writer.WriteNumber("playhead", error.Playhead);
            writer.WriteString("errorId", error.ErrorId);
            writer.WriteString("source", error.Source);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteEvents(Utf8JsonWriter writer, IReadOnlyList<TimelineEvent> events)
    {
        writer.WriteStartArray("events");
        foreach (var e in events)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", e.Index);
            writer.WriteNumber("ts", e.Ts);
            writer.WriteString("type", e.Type.ToWireName());
            writer.WriteNumber("playhead", e.Playhead);
            writer.WriteStartArray("ignored");
            foreach (var reason in e.Ignored)
            {
                writer.WriteStringValue(reason);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteTs(Utf8JsonWriter writer, string name, long? ts)
    {
        if (ts is { } value)
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
