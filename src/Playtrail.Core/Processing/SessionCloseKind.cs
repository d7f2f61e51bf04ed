namespace Playtrail.Core.Processing;

/// <summary>How (or whether) a session was closed, which decides its close calls and <c>secondsSinceLastCall</c>.</summary>
public enum SessionCloseKind
{
    /// <summary>Still open: the report is the session so far and no close call is made.</summary>
    Open = 0,
    /// <summary>Closed by <c>sessionComplete</c> (content complete, seconds since last call 0).</summary>
    Complete = 1,
    /// <summary>Closed by <c>sessionEnd</c> (seconds since last call 0).</summary>
    End = 2,
    /// <summary>Closed by the idle timeout (no event for 10 minutes); seconds since last call 600 unless given.</summary>
    Idle = 3,
    /// <summary>Closed by the stall timeout (no playhead movement for 30 minutes); seconds since last call as given.</summary>
    Stall = 4,
    /// <summary>A downloaded array that holds neither <c>sessionComplete</c> nor <c>sessionEnd</c>: closed at its last event.</summary>
    EndOfArray = 5,
}
