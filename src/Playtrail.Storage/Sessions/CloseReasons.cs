namespace Playtrail.Storage.Sessions;

/// <summary>Why a session was closed, as stored in <c>sessions.close_reason</c> and returned in <c>SessionRow.CloseReason</c>.</summary>
public static class CloseReasons
{
    /// <summary>A <c>sessionComplete</c> event.</summary>
    public const string Complete = "complete";

    /// <summary>A <c>sessionEnd</c> event.</summary>
    public const string End = "end";

    /// <summary>No event arrived within the idle timeout.</summary>
    public const string Idle = "idle";

    /// <summary>The playhead did not move within the stall timeout.</summary>
    public const string Stall = "stall";

    /// <summary>A downloaded array without <c>sessionComplete</c>, closed at its last event.</summary>
    public const string EndOfArray = "endOfArray";
}
