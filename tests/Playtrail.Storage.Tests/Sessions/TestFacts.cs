using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>Hand-made facts of one processed session, every measure worked out from the few values a test sets.</summary>
internal static class TestFacts
{
    /// <summary>The server time sessions are received at unless a test says otherwise.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A completed session watched at <paramref name="firstEventTs"/> that played <paramref name="timePlayed"/> seconds;
    /// downloaded sessions arrive <paramref name="lateness"/> seconds after their last event (an hour when not given).
    /// </summary>
    public static SessionFacts Of(
        string sessionId,
        string mediaId,
        bool downloaded,
        long firstEventTs,
        double timePlayed = 0,
        double? lateness = null,
        string contentType = "vod",
        string closeReason = "complete",
        DateTimeOffset? receivedAt = null,
        string? mediaName = null)
    {
        var measures = new Measures();
        measures[Measure.Sessions] = 1;
        measures[Measure.DownloadedSessions] = downloaded ? 1 : 0;
        measures[Measure.ContentStarts] = 1;
        measures[Measure.Completes] = closeReason == "complete" ? 1 : 0;
        measures[Measure.TimePlayed] = timePlayed;
        measures[Measure.TotalTimePlayed] = timePlayed;
        measures[Measure.AverageMinuteAudience] = 0.5;
        var lastEventTs = firstEventTs + (long)(timePlayed * 1000);
        var received = receivedAt ?? (downloaded ? DateTimeOffset.FromUnixTimeMilliseconds(lastEventTs + (long)((lateness ?? 3_600) * 1000)) : ReceivedAt);
        var reason = CloseReasonText.Parse(closeReason);
        return new SessionFacts(sessionId, downloaded, CloseReasonText.StatusOf(reason), reason, mediaId, mediaName ?? $"Title of {mediaId}", contentType, 1_800,
            firstEventTs, lastEventTs, received, received.AddSeconds(1), EventCount: 5, IgnoredEventCount: 0, CallCount: 3,
            downloaded ? (received.ToUnixTimeMilliseconds() - lastEventTs) / 1000.0 : null, measures);
    }

    /// <summary>Epoch milliseconds of a UTC time.</summary>
    public static long Ts(int year, int month, int day, int hour = 12, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
