using System.Text;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>Inputs the ingestion path never produces still give a report rather than an exception.</summary>
public sealed class RobustnessTests
{
    private static readonly SessionContext Closed = new(SessionEvents.SessionId, Downloaded: false, SessionCloseKind.End);

    [Fact]
    public void NoEvents_GiveAnEmptyReportWithoutCalls()
    {
        var report = SessionProcessor.Process([], Closed);

        Assert.False(report.Metrics.View);
        Assert.Equal(0, report.EventCount);
        Assert.Equal(0, report.Metrics.DropBeforeStart);
        Assert.Empty(report.Calls);
        Assert.Equal("", report.Media.Id);
    }

    [Fact]
    public void EventsWithoutSessionStart_AreIgnored()
    {
        var events = SessionEvents.FromArrayElements(SessionStart(T0), Simple("play", 0, T0 + 1000), Simple("ping", 10, T0 + 11_000))[1..];

        var report = SessionProcessor.Process(events, Closed);

        Assert.Equal([new(0, IgnoreReasons.BeforeSessionStart), new(1, IgnoreReasons.BeforeSessionStart)], report.IgnoredEvents);
        Assert.Empty(report.Calls);
    }

    [Fact]
    public void SecondSessionStart_IsIgnored()
    {
        var first = SessionEvents.FromArrayElements(SessionStart(T0), Simple("play", 0, T0 + 1000));
        var second = SessionEvents.FromArrayElements(SessionStart(T0 + 2000, mediaId: "other"));
        List<SessionEvent> events = [.. first, .. second, .. SessionEvents.FromArrayElements(SessionStart(T0), Simple("ping", 10, T0 + 11_000))[1..]];

        var report = SessionProcessor.Process(events, Closed);

        Assert.Equal([new(2, IgnoreReasons.DuplicateSessionStart)], report.IgnoredEvents);
        Assert.Equal(MediaId, report.Media.Id);
        Assert.Equal(10, report.Metrics.TimePlayed);
    }

    [Fact]
    public void UnreadableJson_LosesItsMeaningButNotItsTime()
    {
        List<SessionEvent> events =
        [
            .. SessionEvents.FromArrayElements(SessionStart(T0), Simple("play", 0, T0 + 1000)),
            new(EventType.AdBreakStart, T0 + 5000, 4, Encoding.UTF8.GetBytes("{\"eventType\": \"adBreakStart\", \"params\": {")),
            .. SessionEvents.FromArrayElements(SessionStart(T0), Simple("ping", 10, T0 + 11_000))[1..],
        ];

        var report = SessionProcessor.Process(events, Closed);

        Assert.Equal([new(2, IgnoreReasons.Unreadable)], report.IgnoredEvents);
        Assert.Equal(10, report.Metrics.TimePlayed);
    }

    [Fact]
    public void UnreadableSessionStart_StillOpensTheSession()
    {
        List<SessionEvent> events =
        [
            new(EventType.SessionStart, T0, 0, Encoding.UTF8.GetBytes("{\"params\": ")),
            .. SessionEvents.FromArrayElements(SessionStart(T0), Simple("play", 0, T0 + 1000), Simple("ping", 10, T0 + 11_000))[1..],
        ];

        var report = SessionProcessor.Process(events, Closed);

        Assert.Equal([new(0, IgnoreReasons.Unreadable)], report.IgnoredEvents);
        Assert.True(report.Metrics.View);
        Assert.Equal(10, report.Metrics.TimePlayed);
        Assert.Equal("", report.Media.Id);
    }

    [Fact]
    public void AnInstance_GivesTheSameReportWhenReused()
    {
        var processor = new SessionProcessor();
        var timeline = SessionEvents.FromArrayElements(
            SessionStart(T0), AdBreakStart(0, T0 + 1, 0, 0), AdStart(0, T0 + 2, "ad", 5, 1), Simple("adComplete", 0, T0 + 5002),
            Simple("adBreakComplete", 0, T0 + 5003), Simple("play", 0, T0 + 5004), State("stateStart", 0, T0 + 5005, "mute"),
            Error(1, T0 + 6000, "e1", "player"), Simple("sessionEnd", 10, T0 + 15_004));
        var context = new SessionContext(SessionEvents.SessionId, Downloaded: true, SessionCloseKind.EndOfArray);
        var header = new ReportHeader(SessionEvents.SessionId, "ended", true, DateTimeOffset.UnixEpoch, null);

        var first = SessionReportJson.ToUtf8Bytes(processor.Run(timeline, context), header);
        processor.Run(SessionEvents.FromDownloaded(Playtrail.Testing.Samples.SeedDownloaded()), context);
        var again = processor.Run(timeline, context);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(SessionReportJson.ToUtf8Bytes(again, header)));
        Assert.Equal(AnalyticsCallsJson.ToUtf8Bytes(SessionProcessor.Process(timeline, context).Calls), AnalyticsCallsJson.ToUtf8Bytes(again.Calls));
    }
}
