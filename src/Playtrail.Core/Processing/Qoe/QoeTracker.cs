using System.Globalization;
using Playtrail.Core.Events;
using Playtrail.Core.Processing.Timeline;

namespace Playtrail.Core.Processing;

/// <summary>
/// The QoE values of a session (docs/reference/media-collection-api.md#qoe-metrics) other than buffering and stalls,
/// which the timeline measures.
/// </summary>
internal sealed class QoeTracker
{
    private readonly List<string> _playerErrors = [];
    private readonly List<string> _externalErrors = [];
    private double _bitrateWeighted;
    private long _bitrateMilliseconds;
    private double _droppedFrames;
    private double? _timeToStart;
    private double? _framesPerSecond;
    private int _bitrateChanges;
    private int _errors;

    /// <summary>The latest bitrate sent on any event, which holds until the next one.</summary>
    public double? CurrentBitrate { get; private set; }

    /// <summary>Told of bitrates and errors, when a timeline is being recorded.</summary>
    public TimelineRecorder? Recorder { get; set; }

    public void Reset()
    {
        _playerErrors.Clear();
        _externalErrors.Clear();
        _bitrateWeighted = 0;
        _bitrateMilliseconds = 0;
        _droppedFrames = 0;
        _timeToStart = null;
        _framesPerSecond = null;
        _bitrateChanges = 0;
        _errors = 0;
        CurrentBitrate = null;
    }

    /// <summary>Takes in the QoE values of one event of type <paramref name="type"/>.</summary>
    public void Observe(in QoeSample sample, EventType type)
    {
        if (sample.Bitrate is { } bitrate)
        {
            CurrentBitrate = bitrate;
            Recorder?.Bitrate(bitrate);
        }

        _droppedFrames = sample.DroppedFrames ?? _droppedFrames;
        _framesPerSecond = sample.FramesPerSecond ?? _framesPerSecond;

        // The SDK re-sends the whole QoE object when anything changes; the first time to start is the measurement.
        _timeToStart ??= sample.TimeToStart;
        if (type == EventType.BitrateChange)
        {
            _bitrateChanges++;
        }
        else if (type == EventType.Error)
        {
            _errors++;
            Recorder?.Error(sample.ErrorId, sample.ErrorSource);

            // An id without a source is the player's own report, so it is listed with the player's errors.
            var errors = sample.ErrorSource == "external" ? _externalErrors : _playerErrors;
            if (sample.ErrorId is { } id && !errors.Contains(id))
            {
                errors.Add(id);
            }
        }
    }

    /// <summary>Weights <paramref name="bitrate"/> by main-content play time.</summary>
    public void AddBitrateTime(double? bitrate, long milliseconds)
    {
        if (bitrate is { } value && milliseconds > 0)
        {
            _bitrateWeighted += value * milliseconds;
            _bitrateMilliseconds += milliseconds;
        }
    }

    public QoeMetrics Build(int bufferCount, long bufferMilliseconds, int stallCount, long stallMilliseconds)
    {
        double? average = _bitrateMilliseconds > 0 ? _bitrateWeighted / _bitrateMilliseconds : null;
        return new QoeMetrics
        {
            TimeToStart = _timeToStart / 1000,
            BitrateAverage = average,
            BitrateAverageBucket = average is { } value ? Bucket(value) : null,
            BitrateChangeCount = _bitrateChanges,
            BitrateChange = _bitrateChanges > 0,
            BufferCount = bufferCount,
            BufferTime = Seconds.Of(bufferMilliseconds),
            Buffer = bufferCount > 0,
            DroppedFrameCount = _droppedFrames,
            DroppedFrames = _droppedFrames > 0,
            ErrorCount = _errors,
            Error = _errors > 0,
            PlayerSdkErrors = [.. _playerErrors],
            ExternalErrors = [.. _externalErrors],
            StallCount = stallCount,
            StallTime = Seconds.Of(stallMilliseconds),
            Stall = stallCount > 0,
            FramesPerSecond = _framesPerSecond,
        };
    }

    /// <summary>
    /// The 100-wide bucket holding <paramref name="bitrate"/>, e.g. 1234.5 → <c>"1200-1299"</c>
    /// (docs/decisions/0015-units.md).
    /// </summary>
    internal static string Bucket(double bitrate)
    {
        var low = (long)Math.Floor(bitrate / 100) * 100;
        return string.Create(CultureInfo.InvariantCulture, $"{low}-{low + 99}");
    }
}
