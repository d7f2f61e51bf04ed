namespace Playtrail.Core.Processing;

/// <summary>The player state that holds between two events; time between them goes to it.</summary>
internal enum PlayerState
{
    /// <summary>After <c>sessionStart</c> (or a pre-roll break) until content plays: no time is counted.</summary>
    Starting,
    Playing,
    Paused,
    Buffering,
}
