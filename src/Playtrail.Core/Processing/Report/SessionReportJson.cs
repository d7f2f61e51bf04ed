using System.Buffers;
using System.Text.Json;

namespace Playtrail.Core.Processing;

/// <summary>
/// Writes a session report as <c>GET /api/v1/sessions/{sid}</c> serves it (docs/api.md#get-apiv1sessionssid). Metric
/// names are the analytics context-data names without <c>a.media.</c>; times are seconds; every key is always written,
/// <c>null</c> when the value is unknown.
/// </summary>
public static class SessionReportJson
{
    /// <summary>Writes <paramref name="report"/> under <paramref name="header"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, SessionReport report, ReportHeader header)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(header);
        writer.WriteStartObject();
        writer.WriteString("sessionId", header.SessionId);
        writer.WriteString("status", header.Status);
        writer.WriteBoolean("downloaded", header.Downloaded);
        writer.WriteNumber("firstEventTs", report.FirstEventTs);
        writer.WriteNumber("lastEventTs", report.LastEventTs);
        writer.WriteString("receivedAt", header.ReceivedAt);
        if (header.ClosedAt is { } closedAt)
        {
            writer.WriteString("closedAt", closedAt);
        }
        else
        {
            writer.WriteNull("closedAt");
        }

        if (header.CloseReason is { } reason)
        {
            writer.WriteString("closeReason", reason);
        }

        writer.WriteNumber("eventCount", report.EventCount);
        writer.WriteStartArray("ignoredEvents");
        foreach (var ignored in report.IgnoredEvents)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", ignored.Index);
            writer.WriteString("reason", ignored.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteMedia(writer, report.Media);
        WriteMetrics(writer, report);
        writer.WriteEndObject();
    }

    /// <summary>The report as UTF-8 JSON bytes.</summary>
    public static byte[] ToUtf8Bytes(SessionReport report, ReportHeader header)
    {
        var buffer = new ChunkedJsonBuffer();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, report, header);
        }

        return buffer.ToArray();
    }

    private static void WriteMedia(Utf8JsonWriter writer, MediaInfo media)
    {
        writer.WriteStartObject("media");
        writer.WriteString("id", media.Id);
        writer.WriteString("name", media.Name);
        writer.WriteNumber("length", media.Length);
        writer.WriteString("contentType", media.ContentType);
        writer.WriteString("streamType", media.StreamType);
        writer.WriteBoolean("resume", media.Resume);
        writer.WriteBoolean("downloaded", media.Downloaded);
        writer.WriteString("playerName", media.PlayerName);
        writer.WriteString("channel", media.Channel);
        writer.WriteString("sdkVersion", media.SdkVersion);
        writer.WriteString("libraryVersion", media.LibraryVersion);
        WritePairs(writer, "metadata", media.Metadata);
        WritePairs(writer, "customMetadata", media.CustomMetadata);
        writer.WriteEndObject();
    }

    private static void WriteMetrics(Utf8JsonWriter writer, SessionReport report)
    {
        var metrics = report.Metrics;
        writer.WriteStartObject("metrics");
        writer.WriteBoolean("view", metrics.View);
        writer.WriteBoolean("play", metrics.Play);
        writer.WriteBoolean("complete", metrics.Complete);
        writer.WriteNumber("timePlayed", metrics.TimePlayed);
        writer.WriteNumber("totalTimePlayed", metrics.TotalTimePlayed);
        writer.WriteNumber("uniqueTimePlayed", metrics.UniqueTimePlayed);
        writer.WriteBoolean("progress10", metrics.Progress10);
        writer.WriteBoolean("progress25", metrics.Progress25);
        writer.WriteBoolean("progress50", metrics.Progress50);
        writer.WriteBoolean("progress75", metrics.Progress75);
        writer.WriteBoolean("progress95", metrics.Progress95);
        WriteNumber(writer, "averageMinuteAudience", metrics.AverageMinuteAudience);
        writer.WriteNumber("estimatedStreams", metrics.EstimatedStreams);
        writer.WriteString("segment", metrics.Segment);
        writer.WriteBoolean("segmentView", metrics.SegmentView);
        writer.WriteBoolean("pause", metrics.Pause);
        writer.WriteNumber("pauseCount", metrics.PauseCount);
        writer.WriteNumber("pauseTime", metrics.PauseTime);
        writer.WriteBoolean("resume", metrics.Resume);
        writer.WriteNumber("adCount", metrics.AdCount);
        writer.WriteNumber("chapterCount", metrics.ChapterCount);
        WriteNumber(writer, "secondsSinceLastCall", metrics.SecondsSinceLastCall);
        writer.WriteNumber("dropBeforeStart", metrics.DropBeforeStart);
        writer.WriteNumber("clockAnomalies", metrics.ClockAnomalies);
        WriteQoe(writer, report.Qoe);
        writer.WriteStartObject("states");
        foreach (var state in report.States)
        {
            writer.WriteStartObject(state.Name);
            writer.WriteBoolean("set", state.Set);
            writer.WriteNumber("count", state.Count);
            writer.WriteNumber("time", state.Time);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteStartArray("ads");
        foreach (var ad in report.Ads)
        {
            WriteAd(writer, ad);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("chapters");
        foreach (var chapter in report.Chapters)
        {
            WriteChapter(writer, chapter);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteQoe(Utf8JsonWriter writer, QoeMetrics qoe)
    {
        writer.WriteStartObject("qoe");
        WriteNumber(writer, "timeToStart", qoe.TimeToStart);
        WriteNumber(writer, "bitrateAverage", qoe.BitrateAverage);
        writer.WriteString("bitrateAverageBucket", qoe.BitrateAverageBucket);
        writer.WriteNumber("bitrateChangeCount", qoe.BitrateChangeCount);
        writer.WriteBoolean("bitrateChange", qoe.BitrateChange);
        writer.WriteNumber("bufferCount", qoe.BufferCount);
        writer.WriteNumber("bufferTime", qoe.BufferTime);
        writer.WriteBoolean("buffer", qoe.Buffer);
        writer.WriteNumber("droppedFrameCount", qoe.DroppedFrameCount);
        writer.WriteBoolean("droppedFrames", qoe.DroppedFrames);
        writer.WriteNumber("errorCount", qoe.ErrorCount);
        writer.WriteBoolean("error", qoe.Error);
        WriteStrings(writer, "playerSdkErrors", qoe.PlayerSdkErrors);
        WriteStrings(writer, "externalErrors", qoe.ExternalErrors);
        writer.WriteNumber("stallCount", qoe.StallCount);
        writer.WriteNumber("stallTime", qoe.StallTime);
        writer.WriteBoolean("stall", qoe.Stall);
        WriteNumber(writer, "framesPerSecond", qoe.FramesPerSecond);
        writer.WriteEndObject();
    }

    private static void WriteAd(Utf8JsonWriter writer, AdMetrics ad)
    {
        writer.WriteStartObject();
        writer.WriteString("id", ad.Id);
        writer.WriteString("name", ad.Name);
        writer.WriteNumber("length", ad.Length);
        writer.WriteNumber("podPosition", ad.PodPosition);
        writer.WriteString("playerName", ad.PlayerName);
        writer.WriteString("advertiser", ad.Advertiser);
        writer.WriteString("campaignId", ad.CampaignId);
        writer.WriteString("creativeId", ad.CreativeId);
        writer.WriteString("siteId", ad.SiteId);
        writer.WriteString("creativeURL", ad.CreativeUrl);
        writer.WriteString("placementId", ad.PlacementId);
        writer.WriteString("pod", ad.Pod);
        writer.WriteString("podFriendlyName", ad.PodFriendlyName);
        writer.WriteNumber("podIndex", ad.PodIndex);
        writer.WriteNumber("podSecond", ad.PodSecond);
        writer.WriteBoolean("view", ad.View);
        writer.WriteBoolean("complete", ad.Complete);
        writer.WriteBoolean("skipped", ad.Skipped);
        writer.WriteNumber("timePlayed", ad.TimePlayed);
        WritePairs(writer, "customMetadata", ad.CustomMetadata);
        writer.WriteEndObject();
    }

    private static void WriteChapter(Utf8JsonWriter writer, ChapterMetrics chapter)
    {
        writer.WriteStartObject();
        writer.WriteNumber("index", chapter.Index);
        writer.WriteNumber("offset", chapter.Offset);
        writer.WriteNumber("length", chapter.Length);
        writer.WriteString("friendlyName", chapter.FriendlyName);
        writer.WriteString("id", chapter.Id);
        writer.WriteBoolean("view", chapter.View);
        writer.WriteBoolean("complete", chapter.Complete);
        writer.WriteBoolean("skipped", chapter.Skipped);
        writer.WriteNumber("timePlayed", chapter.TimePlayed);
        WritePairs(writer, "customMetadata", chapter.CustomMetadata);
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WritePairs(Utf8JsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        writer.WriteStartObject(name);
        if (pairs is Utf8Metadata metadata)
        {
            // Custom metadata as the processor read it: its bytes, without a string of each value.
            foreach (var (key, value) in metadata.Utf8Pairs)
            {
                writer.WriteString(key, value.Span);
            }
        }
        else
        {
            foreach (var (key, value) in pairs)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
