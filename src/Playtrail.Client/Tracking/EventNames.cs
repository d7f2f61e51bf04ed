namespace Playtrail.Client.Tracking;

/// <summary>The wire names of the events a tracker emits.</summary>
internal static class EventNames
{
    public const string SessionStart = "sessionStart";
    public const string SessionEnd = "sessionEnd";
    public const string SessionComplete = "sessionComplete";
    public const string Play = "play";
    public const string Ping = "ping";
    public const string PauseStart = "pauseStart";
    public const string BufferStart = "bufferStart";
    public const string BitrateChange = "bitrateChange";
    public const string Error = "error";
    public const string AdBreakStart = "adBreakStart";
    public const string AdBreakComplete = "adBreakComplete";
    public const string AdStart = "adStart";
    public const string AdComplete = "adComplete";
    public const string AdSkip = "adSkip";
    public const string ChapterStart = "chapterStart";
    public const string ChapterComplete = "chapterComplete";
    public const string ChapterSkip = "chapterSkip";
    public const string StateStart = "stateStart";
    public const string StateEnd = "stateEnd";
}
