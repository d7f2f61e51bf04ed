using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Client.Tracking;
using Playtrail.Core.Validation;

namespace Playtrail.Client.Tests.Tracking;

public sealed class StringLimitTests
{
    private readonly List<TrackedEvent> _events = [];
    private readonly ClientDiagnostics _diagnostics = new();

    private MediaTracker Tracker(PlaytrailClientOptions? options = null)
    {
        var core = new TrackerCore(
            options ?? TestTrackers.Options(), new FakeTimeProvider(TestTrackers.Start), NullLogger.Instance, _diagnostics, () => new RecordingSink(_events), downloaded: true);
        return new MediaTracker(core, NullLogger.Instance, _diagnostics);
    }

    private void AssertAcceptedAsDownloadedSession()
    {
        var array = "[" + string.Join(",", _events.Select(e => System.Text.Encoding.UTF8.GetString(e.Json))) + "]";
        EventValidityTests.AssertValid(System.Text.Encoding.UTF8.GetBytes(array), IngestionRoute.Downloaded);
    }

    private TrackedEvent Only(string eventType) => _events.Single(e => e.EventType == eventType);

    [Fact]
    public void ValuesLongerThan2048Characters_AreCutTo2048_CountedOncePerValue_AndTheServersValidatorAcceptsThem()
    {
        var tracker = Tracker();
        var name = new string('n', 5000);

        tracker.TrackSessionStart(TestTrackers.Movie with { Name = name }, new Dictionary<string, string> { ["cms.blurb"] = new('b', 3000), ["cms.section"] = "films" });
        tracker.TrackAdBreakStart(new AdBreakInfo(0, 0, "pre-roll"));
        tracker.TrackAdStart(new AdInfo("ad-1", 15, 1) { Name = new string('a', 2049) });
        tracker.TrackAdComplete();
        tracker.TrackAdBreakComplete();
        tracker.TrackPlay();
        tracker.TrackChapterStart(new ChapterInfo(1, 0, 600, new string('c', 2048)));
        tracker.TrackError(new string('e', 4000));
        tracker.TrackComplete();

        var start = RecordingSink.Parse(Only("sessionStart"));
        Assert.Equal(name[..2048], start.GetProperty("params").GetProperty("media.name").GetString());
        Assert.Equal(new string('b', 2048), start.GetProperty("customMetadata").GetProperty("cms.blurb").GetString());
        Assert.Equal("films", start.GetProperty("customMetadata").GetProperty("cms.section").GetString());
        Assert.Equal("movie-42", start.GetProperty("params").GetProperty("media.id").GetString());
        Assert.Equal(2048, RecordingSink.Parse(Only("adStart")).GetProperty("params").GetProperty("media.ad.name").GetString()!.Length);
        // Exactly at the limit is left alone.
        Assert.Equal(new string('c', 2048), RecordingSink.Parse(Only("chapterStart")).GetProperty("params").GetProperty("media.chapter.friendlyName").GetString());
        Assert.Equal(2048, RecordingSink.Parse(Only("error")).GetProperty("qoeData").GetProperty("media.qoe.errorID").GetString()!.Length);
        Assert.Equal(4, _diagnostics.StringsTruncated);
        AssertAcceptedAsDownloadedSession();
    }

    [Fact]
    public void ACut_CountsCharactersAsTheServerDoes_AndNeverSplitsASurrogatePair()
    {
        var tracker = Tracker();
        // 1,500 emoji (two UTF-16 units each, one character) then plain text: 3,000 characters in all.
        var name = string.Concat(Enumerable.Repeat("\U0001F3AC", 1500)) + new string('x', 1500);

        tracker.TrackSessionStart(TestTrackers.Movie with { Name = name });

        var cut = RecordingSink.Parse(Only("sessionStart")).GetProperty("params").GetProperty("media.name").GetString()!;
        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F3AC", 1500)) + new string('x', 548), cut);
        Assert.Equal(1, _diagnostics.StringsTruncated);
        AssertAcceptedAsDownloadedSession();
    }

    [Fact]
    public void ALowerLimit_FromTheOptions_IsTheOneApplied()
    {
        var options = TestTrackers.Options();
        options.MaxStringLength = 100;
        var tracker = Tracker(options);

        tracker.TrackSessionStart(TestTrackers.Movie with { Name = new string('n', 101) });

        Assert.Equal(new string('n', 100), RecordingSink.Parse(Only("sessionStart")).GetProperty("params").GetProperty("media.name").GetString());
        Assert.Equal(1, _diagnostics.StringsTruncated);
    }

    [Theory]
    [InlineData(63)]
    [InlineData(1_048_577)]
    public void AMaxStringLength_OutsideTheServersRange_FailsAtStartUp(int maxStringLength)
    {
        var options = TestTrackers.Options();
        options.MaxStringLength = maxStringLength;

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("MaxStringLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACustomMetadataKeyLongerThanTheLimit_IsLeftOut_AndTheRestKept()
    {
        var tracker = Tracker();

        tracker.TrackSessionStart(TestTrackers.Movie, new Dictionary<string, string> { [new string('k', 2049)] = "x", ["cms.section"] = "films" });

        var custom = RecordingSink.Parse(Only("sessionStart")).GetProperty("customMetadata");
        Assert.Equal(["cms.section"], custom.EnumerateObject().Select(property => property.Name));
        AssertAcceptedAsDownloadedSession();
    }
}
