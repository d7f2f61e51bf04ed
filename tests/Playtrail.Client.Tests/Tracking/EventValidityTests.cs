using System.Text;
using Playtrail.Client.Tracking;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Client.Tests.Tracking;

public sealed class EventValidityTests
{
    [Fact]
    public void EveryEventTypeTheTrackerEmits_IsAcceptedByTheServersValidator_Online()
    {
        var (tracker, events, time) = TestTrackers.Recording();

        PlayEverything(tracker, time);

        Assert.Equal(EmittableTypes.OrderBy(t => t), events.Select(e => e.EventType).Distinct().OrderBy(t => t));
        foreach (var trackedEvent in events)
        {
            var route = trackedEvent.EventType == EventNames.SessionStart ? IngestionRoute.Sessions : IngestionRoute.Events;
            AssertValid(trackedEvent.Json, route);
        }

        Assert.False(RecordingSink.Parse(events[0]).GetProperty("params").TryGetProperty("media.downloaded", out _));
    }

    [Fact]
    public void DownloadedRecording_IsAValidDownloadedArray_OnBothRoutes()
    {
        var (tracker, events, time) = TestTrackers.Recording(downloaded: true);

        PlayEverything(tracker, time);

        var body = Encoding.UTF8.GetBytes("[" + string.Join(",", events.Select(e => Encoding.UTF8.GetString(e.Json))) + "]");
        AssertValid(body, IngestionRoute.Downloaded);
        AssertValid(body, IngestionRoute.Sessions);
        Assert.True(RecordingSink.Parse(events[0]).GetProperty("params").GetProperty("media.downloaded").GetBoolean());
    }

    [Fact]
    public void CustomMetadataWithKeysTheSchemaRefuses_IsCleanedSoTheSessionIsStillAccepted()
    {
        var (tracker, events, _) = TestTrackers.Recording();
        var metadata = new Dictionary<string, string> { ["good.key_1"] = "yes", ["bad key!"] = "no" };

        tracker.TrackSessionStart(TestTrackers.Movie with { StandardMetadata = new Dictionary<string, string> { ["media.unknown"] = "x" } }, metadata);

        AssertValid(events[0].Json, IngestionRoute.Sessions);
        var custom = RecordingSink.Parse(events[0]).GetProperty("customMetadata");
        Assert.Equal("yes", custom.GetProperty("good.key_1").GetString());
        Assert.False(custom.TryGetProperty("bad key!", out _));
    }

    private static readonly string[] EmittableTypes =
    [
        "sessionStart", "play", "ping", "pauseStart", "bufferStart", "bitrateChange", "error", "adBreakStart", "adStart",
        "adComplete", "adSkip", "adBreakComplete", "chapterStart", "chapterComplete", "chapterSkip", "stateStart", "stateEnd",
        "sessionComplete",
    ];

    /// <summary>A session touching every tracker call, with time passing so pings happen.</summary>
    internal static void PlayEverything(MediaTracker tracker, Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        tracker.UpdateQoe(new QoeInfo(Bitrate: 4500, FramesPerSecond: 24, DroppedFrames: 0, StartupTime: TimeSpan.FromMilliseconds(950)));
        tracker.TrackSessionStart(TestTrackers.Movie, new Dictionary<string, string> { ["cms.section"] = "films" });
        tracker.TrackAdBreakStart(new AdBreakInfo(0, 0, "pre-roll"));
        tracker.TrackAdStart(new AdInfo("ad-1", 15, 1) { Name = "Ad one", Advertiser = "Acme" }, new Dictionary<string, string> { ["ad.tag"] = "x" });
        time.Advance(TimeSpan.FromSeconds(3));
        tracker.TrackAdComplete();
        tracker.TrackAdStart(new AdInfo("ad-2", 5, 2));
        tracker.TrackAdSkip();
        tracker.TrackAdBreakComplete();
        tracker.TrackPlay();
        tracker.TrackChapterStart(new ChapterInfo(1, 0, 600, "Opening"), new Dictionary<string, string> { ["chapter.tag"] = "a" });
        time.Advance(TimeSpan.FromSeconds(12));
        tracker.UpdatePlayhead(12);
        tracker.UpdateQoe(new QoeInfo(Bitrate: 3000, FramesPerSecond: 24, DroppedFrames: 3));
        tracker.TrackStateStart("fullscreen");
        tracker.TrackBufferStart();
        tracker.TrackBufferComplete();
        tracker.TrackError("decoder-1", "player");
        tracker.TrackStateEnd("fullscreen");
        tracker.TrackChapterComplete();
        tracker.TrackChapterStart(new ChapterInfo(2, 600, 600));
        tracker.TrackSeekStart();
        tracker.UpdatePlayhead(700);
        tracker.TrackSeekComplete();
        tracker.TrackChapterSkip();
        tracker.TrackPause();
        tracker.TrackPlay();
        tracker.UpdatePlayhead(1800);
        tracker.TrackComplete();
    }

    internal static void AssertValid(byte[] json, IngestionRoute route)
    {
        var parsed = new List<ParsedEvent>();
        var errors = new ErrorCollector();
        var result = PayloadValidator.Validate(json, route, parsed, errors);
        Assert.True(result.IsValid, $"{route}: " + string.Join("; ", errors.Errors.Select(e => $"{e.Pointer} {e.Rule} {e.Message}")) + "\n" + Encoding.UTF8.GetString(json));
    }
}
