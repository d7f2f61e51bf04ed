using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// How a session closes (docs/decisions/0011-close-events.md, docs/decisions/0012-online-timeouts.md) and what an open
/// session reports.
/// </summary>
public sealed class CloseTests
{
    [Fact]
    public void EventsAfterSessionComplete_AreIgnored()
    {
        var report = SessionEvents.Downloaded(
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            Simple("sessionComplete", 4, T0 + 5000),
            Simple("ping", 5, T0 + 6000),
            Simple("play", 5, T0 + 7000),
            Simple("sessionEnd", 5, T0 + 8000));

        Assert.Equal([new(3, IgnoreReasons.AfterClose), new(4, IgnoreReasons.AfterClose), new(5, IgnoreReasons.AfterClose)], report.IgnoredEvents);
        Assert.Equal(SessionCloseKind.Complete, report.Close);
        Assert.True(report.Metrics.Complete);
        Assert.Equal(4, report.Metrics.TimePlayed);
        Assert.Equal(T0 + 5000, report.LastEventTs);
        Assert.Equal(T0 + 5000, report.Calls[^1].Ts);
    }

    [Fact]
    public void SessionEnd_ThenSessionComplete_IsNotComplete()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            Simple("sessionEnd", 4, T0 + 5000),
            Simple("sessionComplete", 45, T0 + 6000));

        Assert.Equal(SessionCloseKind.End, report.Close);
        Assert.False(report.Metrics.Complete);
        Assert.Equal([new(3, IgnoreReasons.AfterClose)], report.IgnoredEvents);
        Assert.False(Data(report.Calls[^1]).ContainsKey("a.media.complete"));
    }

    [Fact]
    public void OnlySessionStart_ClosedAtTheEndOfItsArray_IsADropBeforeStart()
    {
        var report = SessionEvents.Downloaded(SessionStart(T0));

        Assert.Equal(SessionCloseKind.EndOfArray, report.Close);
        Assert.True(report.Metrics.View);
        Assert.False(report.Metrics.Play);
        Assert.False(report.Metrics.SegmentView);
        Assert.Null(report.Metrics.Segment);
        Assert.Equal(1, report.Metrics.DropBeforeStart);
        Assert.Equal(0, report.Metrics.TimePlayed);
        Assert.Equal(0, report.Metrics.AverageMinuteAudience);
        Assert.Equal(1, report.Metrics.EstimatedStreams);
        Assert.Equal(0, report.Metrics.SecondsSinceLastCall);
        Assert.Equal(["start", "close"], report.Calls.Select(call => call.Type));
        Assert.Equal([T0, T0], report.Calls.Select(call => call.Ts!.Value));
        Assert.Equal(N(1), Data(report.Calls[1])["a.media.qoe.dropBeforeStart"]);
    }

    [Fact]
    public void DownloadedArray_WithoutCloseEvent_IsClosedAtItsLastEventNotComplete()
    {
        var report = SessionEvents.Downloaded(
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 50, T0 + 51_000));

        Assert.Equal(SessionCloseKind.EndOfArray, report.Close);
        Assert.False(report.Metrics.Complete);
        Assert.Equal(50, report.Metrics.TimePlayed);
        Assert.Equal(0, report.Metrics.SecondsSinceLastCall);
        Assert.Equal(T0 + 51_000, report.Calls[^1].Ts);
    }

    [Fact]
    public void IdleTimeout_ReportsTheGivenSecondsSinceLastCall_AndCountsNoTimeAfterTheLastEvent()
    {
        var events = SessionEvents.FromOnline(
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            Simple("ping", 10, T0 + 11_000));

        var report = SessionProcessor.Process(events, new SessionContext(SessionEvents.SessionId, false, SessionCloseKind.Idle, 600));

        Assert.Equal(SessionCloseKind.Idle, report.Close);
        Assert.Equal(600, report.Metrics.SecondsSinceLastCall);
        Assert.Equal(10, report.Metrics.TimePlayed);
        Assert.Equal(0, report.Metrics.DropBeforeStart);
        Assert.Equal(["start", "close"], report.Calls.Select(call => call.Type));
        Assert.Null(report.Calls[^1].Ts);
        Assert.Equal(N(600), Data(report.Calls[^1])["a.media.secondsSinceLastCall"]);
    }

    [Theory]
    [InlineData(SessionCloseKind.Idle, null, 600)]
    [InlineData(SessionCloseKind.Stall, 1805.5, 1805.5)]
    [InlineData(SessionCloseKind.Stall, null, 0)]
    [InlineData(SessionCloseKind.End, 42.0, 0)]
    public void SecondsSinceLastCall_FollowsTheCloseKind(SessionCloseKind close, double? given, double expected)
    {
        var events = SessionEvents.FromOnline(SessionStart(T0), Simple("play", 0, T0 + 1000));

        var report = SessionProcessor.Process(events, new SessionContext(SessionEvents.SessionId, false, close, given));

        Assert.Equal(expected, report.Metrics.SecondsSinceLastCall);
    }

    [Fact]
    public void OpenSession_ReportsSoFar_WithOnlyTheCallsMadeSoFar()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            AdBreakStart(0, T0 + 1, podIndex: 0, podSecond: 0),
            AdStart(0, T0 + 2, "ad", 15, 1),
            Simple("ping", 0, T0 + 5002));

        Assert.Equal(SessionCloseKind.Open, report.Close);
        Assert.Null(report.Metrics.SecondsSinceLastCall);
        Assert.Equal(0, report.Metrics.DropBeforeStart);
        Assert.Equal(["start", "adStart"], report.Calls.Select(call => call.Type));
        Assert.Equal(5, report.Ads[0].TimePlayed);
        Assert.False(report.Ads[0].Complete);
    }
}
