using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Pod and chapter ids: MD5(media.id) in lower-case hex, "_", the index
/// (docs/reference/media-collection-api.md#ad-break-params, docs/reference/media-collection-api.md#chapter-params).
/// </summary>
public sealed class ContentIdTests
{
    [Fact]
    public void PodAndChapterIds_UseTheMd5OfTheMediaId()
    {
        // RFC 1321, appendix A.5: MD5("abc") = 900150983cd24fb0d6963f7d28e17f72.
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0, mediaId: "abc"),
            AdBreakStart(0, T0 + 1, podIndex: 3, podSecond: 0),
            AdStart(0, T0 + 2, "ad", 10, 1),
            ChapterStart(0, T0 + 3, index: 7, offset: 0, length: 10));

        Assert.Equal("900150983cd24fb0d6963f7d28e17f72_3", report.Ads[0].Pod);
        Assert.Equal("900150983cd24fb0d6963f7d28e17f72_7", report.Chapters[0].Id);
    }
}
