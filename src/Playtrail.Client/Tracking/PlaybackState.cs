namespace Playtrail.Client.Tracking;

/// <summary>What the player is doing inside an open session, as the API sees it.</summary>
internal enum PlaybackState
{
    /// <summary>After <c>sessionStart</c>, before the first <c>play</c>.</summary>
    Starting,
    Playing,
    Paused,
    Buffering,

    /// <summary>Reported as a pause: the API has no seek events.</summary>
    Seeking,
}
