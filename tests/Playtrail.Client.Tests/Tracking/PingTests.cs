namespace Playtrail.Client.Tests.Tracking;

public sealed class PingTests
{
    [Fact]
    public void MainContent_PingsEveryTenSeconds()
    {
        var (tracker, events, time) = TestTrackers.Recording();
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();

        for (var second = 0; second < 35; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var pings = events.Where(e => e.EventType == "ping").ToList();
        Assert.Equal(3, pings.Count);
        Assert.All(pings.Zip(pings.Skip(1)), pair => Assert.Equal(10_000, pair.Second.Ts - pair.First.Ts));
        Assert.Equal(10_000, pings[0].Ts - events[0].Ts);
    }

    [Fact]
    public void DuringAnAd_PingsEverySecond_ThenBackToTenSeconds()
    {
        var (tracker, events, time) = TestTrackers.Recording();
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackAdBreakStart(new AdBreakInfo(0, 0));
        tracker.TrackAdStart(new AdInfo("ad-1", 5, 1));

        for (var tenth = 0; tenth < 55; tenth++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        tracker.TrackAdComplete();
        tracker.TrackAdBreakComplete();
        tracker.TrackPlay();
        var adPings = events.Where(e => e.EventType == "ping").ToList();
        for (var second = 0; second < 20; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(5, adPings.Count);
        Assert.All(adPings.Zip(adPings.Skip(1)), pair => Assert.Equal(1_000, pair.Second.Ts - pair.First.Ts));
        Assert.Equal(2, events.Count(e => e.EventType == "ping") - adPings.Count);
    }

    [Fact]
    public void NoPings_BeforeSessionStartOrAfterTheSessionCloses()
    {
        var (tracker, events, time) = TestTrackers.Recording();
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(events);

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        tracker.TrackComplete();
        var count = events.Count;
        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(count, events.Count);
        Assert.Equal("sessionComplete", events[^1].EventType);
    }

    [Fact]
    public void PausedLongerThanTheIdleTimeout_EndsTheSession_AndPlayResumesItFlagged()
    {
        var options = TestTrackers.Options();
        options.IdleTimeout = TimeSpan.FromMinutes(2);
        var (tracker, events, time) = TestTrackers.Recording(options: options);
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        tracker.TrackChapterStart(new ChapterInfo(1, 0, 900));
        tracker.TrackStateStart("mute");
        tracker.UpdatePlayhead(42);
        tracker.TrackPause();

        time.Advance(TimeSpan.FromMinutes(3));
        var ended = events.Count;
        tracker.TrackPlay();

        Assert.Equal("sessionEnd", events[ended - 1].EventType);
        Assert.Equal(["sessionStart", "chapterStart", "stateStart", "play"], TestTrackers.Types(events.Skip(ended)));
        var resumed = RecordingSink.Parse(events[ended]);
        Assert.True(resumed.GetProperty("params").GetProperty("media.resume").GetBoolean());
        Assert.Equal(42, resumed.GetProperty("playerTime").GetProperty("playhead").GetDouble());
        foreach (var trackedEvent in events)
        {
            EventValidityTests.AssertValid(trackedEvent.Json, trackedEvent.EventType == "sessionStart"
                ? Playtrail.Core.Validation.IngestionRoute.Sessions : Playtrail.Core.Validation.IngestionRoute.Events);
        }
    }
}
