namespace Playtrail.Core.Processing;

/// <summary>
/// One chapter (a <c>chapterStart</c>) and what happened to it (docs/reference/media-collection-api.md#chapter-params,
/// docs/reference/media-collection-api.md#ad-and-chapter-metrics).
/// </summary>
public sealed record ChapterMetrics
{
    /// <summary><c>media.chapter.index</c> (<c>a.media.chapter.position</c>).</summary>
    public long Index { get; init; }

    /// <summary><c>media.chapter.offset</c> in content seconds (<c>a.media.chapter.offset</c>).</summary>
    public double Offset { get; init; }

    /// <summary><c>media.chapter.length</c> in seconds (<c>a.media.chapter.length</c>).</summary>
    public double Length { get; init; }

    /// <summary><c>media.chapter.friendlyName</c> (<c>a.media.chapter.friendlyName</c>).</summary>
    public string? FriendlyName { get; init; }

    /// <summary>The chapter id: lower-case hex MD5 of <c>media.id</c>, <c>_</c>, the index (<c>a.media.chapter.name</c>).</summary>
    public string Id { get; init; } = "";

    /// <summary>The chapter started (<c>a.media.chapter.view</c>); always true.</summary>
    public bool View { get; init; }

    /// <summary>A <c>chapterComplete</c> closed it (<c>a.media.chapter.complete</c>).</summary>
    public bool Complete { get; init; }

    /// <summary>A <c>chapterSkip</c>, or the next <c>chapterStart</c>, closed it.</summary>
    public bool Skipped { get; init; }

    /// <summary>Seconds in the playing state on main content while it was open, stalls excluded (<c>a.media.chapter.timePlayed</c>).</summary>
    public double TimePlayed { get; init; }

    /// <summary>The session's custom metadata merged with the chapter's (the chapter's value wins on a shared key).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CustomMetadata { get; init; } = [];
}
