using System.Runtime.InteropServices;
using Playtrail.Core.Processing.Timeline;

namespace Playtrail.Core.Processing;

/// <summary>
/// The open ad break and ad, and every counted ad of the session (ads count only inside a break:
/// docs/decisions/0014-ads-chapters-states.md).
/// </summary>
internal sealed class AdTracker
{
    private readonly List<AdMetrics> _ads = [];
    private readonly List<ItemProgress> _progress = [];
    private string _idPrefix = "";
    private Utf8Metadata _sessionMetadata = Utf8Metadata.Empty;
    private AdBreakInfo? _break;
    private int _open = -1;

    public bool InBreak => _break is not null;

    public bool AdOpen => _open >= 0;

    public int Count => _ads.Count;

    /// <summary>Told when breaks and ads open and close, when a timeline is being recorded.</summary>
    public TimelineRecorder? Recorder { get; set; }

    public void Reset(string idPrefix, IReadOnlyList<KeyValuePair<string, string>> sessionMetadata)
    {
        _ads.Clear();
        _progress.Clear();
        _idPrefix = idPrefix;
        _sessionMetadata = Utf8Metadata.From(sessionMetadata);
        _break = null;
        _open = -1;
    }

    public void StartBreak(AdBreakInfo info)
    {
        _break = info;
        Recorder?.BreakStarted(info);
    }

    /// <summary>Ends the break; the caller closes its open ad first.</summary>
    public void EndBreak()
    {
        _break = null;
        Recorder?.BreakEnded();
    }

    /// <summary>Opens an ad inside the current break and returns its index; the caller closes any open ad first.</summary>
    public int Start(AdMetrics ad, Utf8Metadata customMetadata)
    {
        var pod = _break!;
        _ads.Add(ad with
        {
            Pod = ContentIds.Id(_idPrefix, pod.PodIndex),
            PodIndex = pod.PodIndex,
            PodSecond = pod.PodSecond,
            PodFriendlyName = pod.PodFriendlyName ?? ad.PodFriendlyName,
            CustomMetadata = Utf8Metadata.Merge(_sessionMetadata, customMetadata),
        });
        _progress.Add(default);
        _open = _ads.Count - 1;
        Recorder?.AdStarted();
        return _open;
    }

    /// <summary>Closes the open ad and returns its index.</summary>
    public int Close(bool complete, bool skipped)
    {
        ref var progress = ref CollectionsMarshal.AsSpan(_progress)[_open];
        progress.Complete = complete;
        progress.Skipped = skipped;
        var closed = _open;
        _open = -1;
        Recorder?.AdClosed();
        return closed;
    }

    /// <summary>Adds play time to the open ad.</summary>
    public void Credit(long milliseconds) => CollectionsMarshal.AsSpan(_progress)[_open].Milliseconds += milliseconds;

    public List<AdMetrics> Build()
    {
        var ads = new List<AdMetrics>(_ads.Count);
        for (var i = 0; i < _ads.Count; i++)
        {
            var progress = _progress[i];
            ads.Add(_ads[i] with { Complete = progress.Complete, Skipped = progress.Skipped, TimePlayed = Seconds.Of(progress.Milliseconds) });
        }

        return ads;
    }
}
