namespace Playtrail.Storage.Sessions;

/// <summary>
/// Why a session was closed (docs/decisions/0011-close-events.md, docs/decisions/0012-online-timeouts.md). Stored as
/// the words of <see cref="CloseReasonText"/>; each reason belongs to exactly one closed <see cref="SessionStatus"/>.
/// </summary>
public enum CloseReason
{
    /// <summary>A <c>sessionComplete</c> event; the status is <see cref="SessionStatus.Completed"/>.</summary>
    Complete,

    /// <summary>A <c>sessionEnd</c> event; the status is <see cref="SessionStatus.Ended"/>.</summary>
    End,

    /// <summary>No event arrived within the idle timeout; the status is <see cref="SessionStatus.TimedOut"/>.</summary>
    Idle,

    /// <summary>The playhead did not move within the stall timeout; the status is <see cref="SessionStatus.TimedOut"/>.</summary>
    Stall,

    /// <summary>
    /// A downloaded array without <c>sessionComplete</c> or <c>sessionEnd</c>, closed at its last event; the status is
    /// <see cref="SessionStatus.Ended"/>.
    /// </summary>
    EndOfArray,
}
