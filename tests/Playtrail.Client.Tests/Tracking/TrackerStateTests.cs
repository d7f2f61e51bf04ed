namespace Playtrail.Client.Tests.Tracking;

public sealed class TrackerStateTests
{
    [Fact]
    public void Timestamps_AreStrictlyIncreasing_EvenWhenTheClockStandsStill()
    {
        var (tracker, events, _) = TestTrackers.Recording();

        tracker.TrackSessionStart(TestTrackers.Movie);
        for (var i = 0; i < 20; i++)
        {
            tracker.TrackPlay();
            tracker.TrackPause();
        }

        Assert.Equal(41, events.Count);
        Assert.All(events.Zip(events.Skip(1)), pair => Assert.True(pair.Second.Ts > pair.First.Ts));
    }

    [Fact]
    public void Timestamps_StayIncreasing_WhenTheClockStepsBack()
    {
        var (tracker, events, time) = TestTrackers.Recording();
        tracker.TrackSessionStart(TestTrackers.Movie);
        time.AdjustTime(TestTrackers.Start.AddMinutes(-5));

        tracker.TrackPlay();

        Assert.True(events[1].Ts > events[0].Ts);
    }

    [Fact]
    public void CallsInTheWrongState_AreIgnoredWithoutThrowing()
    {
        var (tracker, events, _) = TestTrackers.Recording();

        tracker.TrackPlay();
        tracker.TrackAdStart(new AdInfo("ad", 10, 1));
        tracker.TrackSessionStart(null!);
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackAdStart(new AdInfo("ad", 10, 1));
        tracker.TrackChapterComplete();
        tracker.TrackStateEnd("never-started");
        tracker.TrackError("", "somewhere");
        tracker.TrackComplete();
        tracker.TrackSessionEnd();
        tracker.TrackPause();

        Assert.Equal(["sessionStart", "sessionComplete"], TestTrackers.Types(events));
    }

    [Fact]
    public void SeekWhilePlaying_IsReportedAsPauseThenPlay()
    {
        var (tracker, events, _) = TestTrackers.Recording();
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();

        tracker.TrackSeekStart();
        tracker.UpdatePlayhead(300);
        tracker.TrackSeekComplete();

        Assert.Equal(["sessionStart", "play", "pauseStart", "play"], TestTrackers.Types(events));
        Assert.Equal(300, events[^1].Playhead);
    }

    [Fact]
    public void ABitrateChange_EmitsBitrateChangeWithTheNewQoe()
    {
        var (tracker, events, _) = TestTrackers.Recording();
        tracker.UpdateQoe(new QoeInfo(Bitrate: 4000));
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();

        tracker.UpdateQoe(new QoeInfo(Bitrate: 2000));

        Assert.Equal("bitrateChange", events[^1].EventType);
        Assert.Equal(2000, RecordingSink.Parse(events[^1]).GetProperty("qoeData").GetProperty("media.qoe.bitrate").GetInt64());
        Assert.Equal(4000, RecordingSink.Parse(events[0]).GetProperty("qoeData").GetProperty("media.qoe.bitrate").GetInt64());
        Assert.False(RecordingSink.Parse(events[1]).TryGetProperty("qoeData", out _));
    }

    [Fact]
    public async Task DownloadedTracker_WithoutAStore_RecordsNothingAndDoesNotThrow()
    {
        await using var client = new PlaytrailClient(TestTrackers.Options());
        var tracker = client.CreateTracker(TrackingMode.Downloaded);

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        tracker.TrackComplete();

        Assert.Equal(3, client.Diagnostics.DroppedByReason[DropReason.NoSink]);
        Assert.NotNull(client.Diagnostics.LastError);
    }

    [Fact]
    public async Task DownloadedTracker_WritesToTheFactorysSink_OneSinkPerSession()
    {
        var events = new List<Playtrail.Client.Tracking.TrackedEvent>();
        var sinks = new List<RecordingSink>();
        await using var client = new PlaytrailClient(TestTrackers.Options());
        client.DownloadedSinkFactory = () =>
        {
            var sink = new RecordingSink(events);
            sinks.Add(sink);
            return sink;
        };
        var tracker = client.CreateTracker(TrackingMode.Downloaded);

        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        tracker.TrackSessionEnd();

        Assert.Equal(["sessionStart", "play", "sessionEnd"], TestTrackers.Types(events));
        Assert.True(Assert.Single(sinks).Disposed);
    }

    [Fact]
    public void InvalidOptions_FailAtStartUp()
    {
        var options = TestTrackers.Options();
        options.ReportSuite = "";

        var exception = Assert.Throws<ArgumentException>(() => new PlaytrailClient(options));

        Assert.Contains("ReportSuite", exception.Message);
    }
}
