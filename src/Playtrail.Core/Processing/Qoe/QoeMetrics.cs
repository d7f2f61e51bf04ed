namespace Playtrail.Core.Processing;

/// <summary>
/// The quality-of-experience metrics of a session (docs/reference/media-collection-api.md#qoe-metrics). Times in
/// seconds.
/// </summary>
public sealed record QoeMetrics
{
    /// <summary>The first <c>media.qoe.timeToStart</c> sent, converted from milliseconds to seconds (<c>a.media.qoe.timeToStart</c>).</summary>
    public double? TimeToStart { get; init; }

    /// <summary>The bitrates sent, averaged weighted by main-content play time (<c>a.media.qoe.bitrateAverage</c>).</summary>
    public double? BitrateAverage { get; init; }

    /// <summary>The average in steps of 100, e.g. <c>"1200-1299"</c> (<c>a.media.qoe.bitrateAverageBucket</c>).</summary>
    public string? BitrateAverageBucket { get; init; }

    /// <summary>Number of <c>bitrateChange</c> events (<c>a.media.qoe.bitrateChangeCount</c>).</summary>
    public int BitrateChangeCount { get; init; }

    /// <summary>At least one <c>bitrateChange</c> (<c>a.media.qoe.bitrateChange</c>).</summary>
    public bool BitrateChange { get; init; }

    /// <summary>Number of buffering periods (<c>a.media.qoe.bufferCount</c>).</summary>
    public int BufferCount { get; init; }

    /// <summary>Seconds in the buffering state (<c>a.media.qoe.bufferTime</c>).</summary>
    public double BufferTime { get; init; }

    /// <summary>At least one buffering period (<c>a.media.qoe.buffer</c>).</summary>
    public bool Buffer { get; init; }

    /// <summary>The latest <c>media.qoe.droppedFrames</c> sent, 0 when none (<c>a.media.qoe.droppedFrameCount</c>).</summary>
    public double DroppedFrameCount { get; init; }

    /// <summary><see cref="DroppedFrameCount"/> is above zero (<c>a.media.qoe.droppedFrames</c>).</summary>
    public bool DroppedFrames { get; init; }

    /// <summary>Number of <c>error</c> events (<c>a.media.qoe.errorCount</c>).</summary>
    public int ErrorCount { get; init; }

    /// <summary>At least one error (<c>a.media.qoe.error</c>).</summary>
    public bool Error { get; init; }

    /// <summary>Unique ids of errors from the player, first seen first (<c>a.media.qoe.playerSdkErrors</c>).</summary>
    public IReadOnlyList<string> PlayerSdkErrors { get; init; } = [];

    /// <summary>Unique ids of errors from outside the player (<c>a.media.qoe.externalErrors</c>).</summary>
    public IReadOnlyList<string> ExternalErrors { get; init; } = [];

    /// <summary>Number of stalls (<c>a.media.qoe.stallCount</c>).</summary>
    public int StallCount { get; init; }

    /// <summary>Seconds stalled (<c>a.media.qoe.stallTime</c>).</summary>
    public double StallTime { get; init; }

    /// <summary>At least one stall (<c>a.media.qoe.stall</c>).</summary>
    public bool Stall { get; init; }

    /// <summary>The latest <c>media.qoe.framesPerSecond</c> sent (<c>a.media.qoe.framesPerSecond</c>).</summary>
    public double? FramesPerSecond { get; init; }
}
