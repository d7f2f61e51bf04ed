namespace Playtrail.Client.Tracking;

/// <summary>Where a tracker is in its session's life.</summary>
internal enum SessionPhase
{
    /// <summary>No session yet.</summary>
    None,
    Active,

    /// <summary>Ended by the tracker after the idle timeout; the next play resumes it as a new session.</summary>
    IdleEnded,

    /// <summary>Completed or ended by the app; only a new <c>TrackSessionStart</c> opens another.</summary>
    Closed,
    Disposed,
}
