using System.Runtime.InteropServices;
using Playtrail.Core.Processing.Timeline;

namespace Playtrail.Core.Processing;

/// <summary>
/// The open chapter and every chapter of the session (a new start skips the open chapter:
/// docs/decisions/0014-ads-chapters-states.md).
/// </summary>
internal sealed class ChapterTracker
{
    private readonly List<ChapterMetrics> _chapters = [];
    private readonly List<ItemProgress> _progress = [];
    private string _idPrefix = "";
    private Utf8Metadata _sessionMetadata = Utf8Metadata.Empty;

    /// <summary>The index of the open chapter, or -1.</summary>
    public int OpenIndex { get; private set; } = -1;

    public bool IsOpen => OpenIndex >= 0;

    public int Count => _chapters.Count;

    /// <summary>Told when chapters open and close, when a timeline is being recorded.</summary>
    public TimelineRecorder? Recorder { get; set; }

    public void Reset(string idPrefix, IReadOnlyList<KeyValuePair<string, string>> sessionMetadata)
    {
        _chapters.Clear();
        _progress.Clear();
        _idPrefix = idPrefix;
        _sessionMetadata = Utf8Metadata.From(sessionMetadata);
        OpenIndex = -1;
    }

    /// <summary>Opens a chapter; the caller closes any open chapter first.</summary>
    public void Start(ChapterMetrics chapter, Utf8Metadata customMetadata)
    {
        _chapters.Add(chapter with
        {
            Id = ContentIds.Id(_idPrefix, chapter.Index),
            CustomMetadata = Utf8Metadata.Merge(_sessionMetadata, customMetadata),
        });
        _progress.Add(default);
        OpenIndex = _chapters.Count - 1;
        Recorder?.ChapterStarted();
    }

    /// <summary>Closes the open chapter and returns its index.</summary>
    public int Close(bool complete, bool skipped)
    {
        ref var progress = ref CollectionsMarshal.AsSpan(_progress)[OpenIndex];
        progress.Complete = complete;
        progress.Skipped = skipped;
        var closed = OpenIndex;
        OpenIndex = -1;
        Recorder?.ChapterClosed();
        return closed;
    }

    /// <summary>Adds main-content play time to chapter <paramref name="index"/> (-1: none was open).</summary>
    public void Credit(int index, long milliseconds)
    {
        if (index >= 0)
        {
            CollectionsMarshal.AsSpan(_progress)[index].Milliseconds += milliseconds;
        }
    }

    public List<ChapterMetrics> Build()
    {
        var chapters = new List<ChapterMetrics>(_chapters.Count);
        for (var i = 0; i < _chapters.Count; i++)
        {
            var progress = _progress[i];
            chapters.Add(_chapters[i] with { Complete = progress.Complete, Skipped = progress.Skipped, TimePlayed = Seconds.Of(progress.Milliseconds) });
        }

        return chapters;
    }
}
