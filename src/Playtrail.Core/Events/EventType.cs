namespace Playtrail.Core.Events;

/// <summary>
/// The 20 event types of the Media Collection API. The numbers are stored in databases: never renumber.
/// </summary>
public enum EventType : byte
{
    /// <summary>Opens a session; the first event of every session.</summary>
    SessionStart = 0,
    /// <summary>Closes the session immediately, without completion.</summary>
    SessionEnd = 1,
    /// <summary>The end of main content was reached; closes the session as complete.</summary>
    SessionComplete = 2,
    /// <summary>The player entered the playing state.</summary>
    Play = 3,
    /// <summary>Heartbeat carrying the playhead.</summary>
    Ping = 4,
    /// <summary>The viewer paused.</summary>
    PauseStart = 5,
    /// <summary>Buffering began.</summary>
    BufferStart = 6,
    /// <summary>The bitrate changed.</summary>
    BitrateChange = 7,
    /// <summary>A playback error happened.</summary>
    Error = 8,
    /// <summary>An ad break (pod) opened.</summary>
    AdBreakStart = 9,
    /// <summary>The ad break closed.</summary>
    AdBreakComplete = 10,
    /// <summary>One ad began inside a break.</summary>
    AdStart = 11,
    /// <summary>The ad played to its end.</summary>
    AdComplete = 12,
    /// <summary>The ad was skipped.</summary>
    AdSkip = 13,
    /// <summary>A chapter began.</summary>
    ChapterStart = 14,
    /// <summary>The chapter reached its end.</summary>
    ChapterComplete = 15,
    /// <summary>The chapter was skipped.</summary>
    ChapterSkip = 16,
    /// <summary>A player state (fullscreen, mute, ...) started.</summary>
    StateStart = 17,
    /// <summary>A player state ended.</summary>
    StateEnd = 18,
    /// <summary>Several player states ended and started at once.</summary>
    StatesUpdate = 19,
}
