namespace Playtrail.Core.Processing.Timeline;

/// <summary>What the time of one <see cref="TimelineInterval"/> went to (<c>docs/metrics.md</c>, "Where time goes").</summary>
public enum TimelineState
{
    /// <summary>After <c>sessionStart</c> (or a pre-roll) until content plays: counted nowhere.</summary>
    Starting,

    /// <summary>Playing: main content outside a break (<c>timePlayed</c>), an ad inside one, or a break with no ad open (counted nowhere).</summary>
    Playing,

    /// <summary>Paused (<c>pauseTime</c>).</summary>
    Paused,

    /// <summary>Buffering (<c>qoe.bufferTime</c>).</summary>
    Buffering,

    /// <summary>Playing main content without the playhead moving, in a run long enough to be a stall (<c>qoe.stallTime</c>).</summary>
    Stalled,
}
