namespace Playtrail.Client;

/// <summary>A chapter or segment: the params of <c>chapterStart</c>.</summary>
/// <param name="Index">Chapter position (<c>media.chapter.index</c>), usually from 1.</param>
/// <param name="Offset">Chapter start in content seconds (<c>media.chapter.offset</c>).</param>
/// <param name="Length">Chapter length in seconds (<c>media.chapter.length</c>).</param>
/// <param name="FriendlyName">Chapter name (<c>media.chapter.friendlyName</c>).</param>
public sealed record ChapterInfo(int Index, double Offset, double Length, string? FriendlyName = null);
