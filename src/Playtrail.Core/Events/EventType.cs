namespace Playtrail.Core.Events;

/// <summary>The 20 event types of the Media Collection API.</summary>
public enum EventType : byte
{
    /// <summary>Opens a session; the first event of every session.</summary>
    SessionStart,
    /// <summary>Closes the session immediately, without completion.</summary>
    SessionEnd,
    /// <summary>The end of main content was reached; closes the session as complete.</summary>
    SessionComplete,
    /// <summary>The player entered the playing state.</summary>
    Play,
    /// <summary>Heartbeat carrying the playhead.</summary>
    Ping,
    /// <summary>The viewer paused.</summary>
    PauseStart,
    /// <summary>Buffering began.</summary>
    BufferStart,
    /// <summary>The bitrate changed.</summary>
    BitrateChange,
    /// <summary>A playback error happened.</summary>
    Error,
    /// <summary>An ad break (pod) opened.</summary>
    AdBreakStart,
    /// <summary>The ad break closed.</summary>
    AdBreakComplete,
    /// <summary>One ad began inside a break.</summary>
    AdStart,
    /// <summary>The ad played to its end.</summary>
    AdComplete,
    /// <summary>The ad was skipped.</summary>
    AdSkip,
    /// <summary>A chapter began.</summary>
    ChapterStart,
    /// <summary>The chapter reached its end.</summary>
    ChapterComplete,
    /// <summary>The chapter was skipped.</summary>
    ChapterSkip,
    /// <summary>A player state (fullscreen, mute, ...) started.</summary>
    StateStart,
    /// <summary>A player state ended.</summary>
    StateEnd,
    /// <summary>Several player states ended and started at once.</summary>
    StatesUpdate,
}
