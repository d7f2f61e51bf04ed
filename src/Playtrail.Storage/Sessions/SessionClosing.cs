using Playtrail.Core.Events;

namespace Playtrail.Storage.Sessions;

/// <summary>
/// How an event closes a session, written once for both stores: a <c>sessionComplete</c> completes it, a
/// <c>sessionEnd</c> ends it (docs/decisions/0011-close-events.md); a downloaded session is closed by the
/// first of them and events after it are kept without reopening or re-closing it, or at its last event when it has
/// neither.
/// </summary>
public static class SessionClosing
{
    /// <summary>The status and close reason an online event sets, or nulls when the event does not close its session.</summary>
    public static (string? Status, string? CloseReason) ByEvent(EventType type) => type switch
    {
        EventType.SessionEnd => (SessionStatusText.Ended, CloseReasons.End),
        EventType.SessionComplete => (SessionStatusText.Completed, CloseReasons.Complete),
        _ => (null, null),
    };

    /// <summary>
    /// What a whole downloaded session's row holds: its status and close reason, and the first and last <c>ts</c> of
    /// its events.
    /// </summary>
    public static DownloadedClose OfDownloaded(IReadOnlyList<EventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        EventType? closedBy = null;
        long firstTs = long.MaxValue, lastTs = long.MinValue;
        foreach (var record in events)
        {
            if (closedBy is null && record.Type is EventType.SessionComplete or EventType.SessionEnd)
            {
                closedBy = record.Type;
            }

            firstTs = Math.Min(firstTs, record.Ts);
            lastTs = Math.Max(lastTs, record.Ts);
        }

        return closedBy is { } type
            ? new DownloadedClose(ByEvent(type).Status!, ByEvent(type).CloseReason!, firstTs, lastTs)
            : new DownloadedClose(SessionStatusText.Ended, CloseReasons.EndOfArray, firstTs, lastTs);
    }
}

/// <summary>The closing columns of a downloaded session's row.</summary>
public readonly record struct DownloadedClose(string Status, string CloseReason, long FirstTs, long LastTs);
