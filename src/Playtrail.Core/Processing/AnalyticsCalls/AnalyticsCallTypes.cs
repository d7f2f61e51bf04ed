namespace Playtrail.Core.Processing;

/// <summary>The types of <see cref="AnalyticsCall"/>.</summary>
public static class AnalyticsCallTypes
{
    /// <summary>The media start call, made at <c>sessionStart</c> (<c>a.media.view</c>).</summary>
    public const string Start = "start";

    /// <summary>An ad start call, made at each counted <c>adStart</c> (<c>a.media.ad.view</c>).</summary>
    public const string AdStart = "adStart";

    /// <summary>The main close call with every session metric, made last when the session closes.</summary>
    public const string Close = "close";

    /// <summary>An ad close call, made when the ad completes, is skipped, or its break or the session ends.</summary>
    public const string AdClose = "adClose";

    /// <summary>A chapter close call, made when the chapter completes, is skipped, or the session ends.</summary>
    public const string ChapterClose = "chapterClose";
}
