namespace Playtrail.Client;

/// <summary>How a <see cref="MediaTracker"/> delivers its events.</summary>
public enum TrackingMode
{
    /// <summary>Streamed content: each event is sent to the server as it happens, pings included.</summary>
    Online,

    /// <summary>Downloaded content: events are kept on the device and sent as one session later.</summary>
    Downloaded,
}
