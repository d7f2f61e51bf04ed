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
    /// <summary>The close reason an online event sets, or null when the event does not close its session.</summary>
    public static CloseReason? ReasonOf(EventType type) => type switch
    {
        EventType.SessionEnd => CloseReason.End,
        EventType.SessionComplete => CloseReason.Complete,
        _ => null,
    };

    /// <summary>
    /// <see cref="ReasonOf"/> as the stored words of the status and close reason it sets, for a writer that binds them
    /// directly; nulls when the event does not close its session.
    /// </summary>
    public static (string? Status, string? CloseReason) ByEvent(EventType type) => ReasonOf(type) is { } reason
        ? (SessionStatusText.Name(CloseReasonText.StatusOf(reason)), CloseReasonText.Name(reason))
        : (null, null);

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

        var reason = closedBy is { } type ? ReasonOf(type)!.Value : CloseReason.EndOfArray;
        return new DownloadedClose(reason, firstTs, lastTs);
    }
}

/// <summary>The closing columns of a downloaded session's row.</summary>
/// <param name="CloseReason">Why it closed; its status follows from it (<see cref="CloseReasonText.StatusOf"/>).</param>
/// <param name="FirstTs">The first <c>ts</c> of its events.</param>
/// <param name="LastTs">The last <c>ts</c> of its events.</param>
public readonly record struct DownloadedClose(CloseReason CloseReason, long FirstTs, long LastTs)
{
    /// <summary>The status the session is stored with.</summary>
    public SessionStatus Status => CloseReasonText.StatusOf(CloseReason);
}
