namespace Playtrail.Core.Processing;

/// <summary>
/// The QoE values one event carried, from <c>qoeData</c> or <c>params</c>
/// (docs/decisions/0007-strict-validation-qoe-anywhere.md).
/// </summary>
internal struct QoeSample
{
    public double? Bitrate;
    public double? DroppedFrames;
    public double? FramesPerSecond;
    public double? TimeToStart;
    public string? ErrorId;
    public string? ErrorSource;

    /// <summary><paramref name="preferred"/>'s values, with <paramref name="fallback"/>'s where it has none.</summary>
    public static QoeSample Merge(in QoeSample preferred, in QoeSample fallback) => new()
    {
        Bitrate = preferred.Bitrate ?? fallback.Bitrate,
        DroppedFrames = preferred.DroppedFrames ?? fallback.DroppedFrames,
        FramesPerSecond = preferred.FramesPerSecond ?? fallback.FramesPerSecond,
        TimeToStart = preferred.TimeToStart ?? fallback.TimeToStart,
        ErrorId = preferred.ErrorId ?? fallback.ErrorId,
        ErrorSource = preferred.ErrorSource ?? fallback.ErrorSource,
    };
}
