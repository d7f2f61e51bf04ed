namespace Playtrail.Core.Processing;

/// <summary>What the store knows about a session and the processor does not: its status and server times.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="Status"><c>active</c>, <c>completed</c>, <c>ended</c> or <c>timedOut</c>.</param>
/// <param name="Downloaded">True for a downloaded session.</param>
/// <param name="ReceivedAt">Server time the session (its <c>sessionStart</c> or its array) arrived.</param>
/// <param name="ClosedAt">Server time the session was closed, or null while active.</param>
public sealed record ReportHeader(string SessionId, string Status, bool Downloaded, DateTimeOffset ReceivedAt, DateTimeOffset? ClosedAt)
{
    /// <summary>Why the session closed (written as <c>closeReason</c> when set).</summary>
    public string? CloseReason { get; init; }
}
