using CsCheck;
using Playtrail.Core.Processing;
using Playtrail.Core.Processing.Timeline;

namespace Playtrail.Core.Tests.Processing.Timeline;

/// <summary>
/// The timeline agrees with the report for any generated session (<see cref="SessionGenerator"/>), in array order or
/// shuffled (clock anomalies, events before the start), downloaded or online, whatever the close kind: its
/// intervals add up to the report's times and never overlap within a track.
/// </summary>
public sealed class SessionTimelinePropertyTests
{
    private const long Iterations = 400;

    private static readonly ReportHeader Header = new(SessionEvents.SessionId, "ended", false, DateTimeOffset.UnixEpoch, null);

    private static readonly Gen<(List<SessionEvent> Events, SessionContext Context)> Inputs =
        Gen.Select(SessionGenerator.Sessions, Gen.Int, Gen.Bool, Gen.Enum<SessionCloseKind>(), Gen.Bool).Select((session, seed, shuffle, close, downloaded) =>
        {
            var events = SessionEvents.FromArrayElements([.. session.Events]);
            if (shuffle)
            {
                var random = new Random(seed);
                events = [.. events.OrderBy(_ => random.Next())];
            }

            return (events, new SessionContext(SessionEvents.SessionId, downloaded, close, close == SessionCloseKind.Idle ? 600 : null));
        });

    [Fact]
    public void States_CoverTheSession_AndAddUpToTheReportsTimes()
    {
        Inputs.Sample(input =>
        {
            var timeline = SessionTimeline.Build(input.Events, input.Context);
            var report = timeline.Report;
            var states = timeline.States;

            Assert.Equal(report.LastEventTs - report.FirstEventTs, states.Sum(Duration));
            if (states.Count > 0)
            {
                Assert.Equal(report.FirstEventTs, states[0].Start);
                Assert.Equal(report.LastEventTs, states[^1].End);
            }

            for (var i = 0; i < states.Count; i++)
            {
                Assert.True(states[i].End >= states[i].Start);
                Assert.True(!states[i].InAd || states[i].InBreak);
                Assert.True(i == 0 || states[i].Start == states[i - 1].End, $"interval {i} does not follow the previous one");
            }

            var main = Sum(states, s => s.State == TimelineState.Playing && !s.InBreak);
            var ads = Sum(states, s => s.State == TimelineState.Playing && s.InAd);
            Assert.Equal(report.Metrics.TimePlayed, main / 1000.0);
            Assert.Equal(report.Metrics.TotalTimePlayed, (main + ads) / 1000.0);
            Assert.Equal(report.Metrics.PauseTime, Sum(states, s => s.State == TimelineState.Paused) / 1000.0);
            Assert.Equal(report.Qoe.BufferTime, Sum(states, s => s.State == TimelineState.Buffering) / 1000.0);
            Assert.Equal(report.Qoe.StallTime, Sum(states, s => s.State == TimelineState.Stalled) / 1000.0);
            Assert.Equal(report.Qoe.StallCount, states.Count(s => s.State == TimelineState.Stalled));
            Assert.All(states.Where(s => s.State == TimelineState.Stalled), s => Assert.False(s.InBreak));
        }, iter: Iterations);
    }

    [Fact]
    public void AdsChaptersAndPlayerStates_HoldTheReportsTimes_AndNeverOverlap()
    {
        Inputs.Sample(input =>
        {
            var timeline = SessionTimeline.Build(input.Events, input.Context);
            var report = timeline.Report;
            var closed = report.Close != SessionCloseKind.Open;

            Assert.Equal(report.Ads.Count, timeline.Ads.Count);
            Assert.Equal(report.Chapters.Count, timeline.Chapters.Count);
            AssertInOrderWithoutOverlap(timeline.AdBreaks.Select(b => (b.Start, b.End)));
            AssertInOrderWithoutOverlap(timeline.Ads.Select(a => (a.Start, a.End)));
            AssertInOrderWithoutOverlap(timeline.Chapters.Select(c => (c.Start, c.End)));
            Assert.All(timeline.Ads, ad => Assert.Contains(timeline.AdBreaks, b => b.Start <= ad.Start && ad.End <= b.End));
            Assert.True(!closed || !timeline.AdBreaks.Any(b => b.Open) && !timeline.Ads.Any(a => a.Open) && !timeline.Chapters.Any(c => c.Open));

            // Each ad's and chapter's time is the play inside its span: in an ad, or on main content.
            Assert.All(timeline.Ads, ad => Assert.Equal(ad.Ad.TimePlayed,
                Overlap(timeline.States, s => s.State == TimelineState.Playing && s.InAd, ad.Start, ad.End) / 1000.0));
            Assert.All(timeline.Chapters, chapter => Assert.Equal(chapter.Chapter.TimePlayed,
                Overlap(timeline.States, s => s.State == TimelineState.Playing && !s.InBreak, chapter.Start, chapter.End) / 1000.0));

            foreach (var state in report.States)
            {
                var spans = timeline.PlayerStates.Where(s => s.Name == state.Name).ToList();
                Assert.Equal(state.Count, spans.Count);
                Assert.Equal(state.Time, spans.Sum(s => s.End - s.Start) / 1000.0);
                AssertInOrderWithoutOverlap(spans.Select(s => (s.Start, s.End)));
            }

            Assert.Equal(report.States.Sum(s => s.Count), timeline.PlayerStates.Count);
        }, iter: Iterations);
    }

    [Fact]
    public void MarkersAndEvents_MatchTheReport_AndTheReportIsTheProcessorsOwn()
    {
        Inputs.Sample(input =>
        {
            var timeline = SessionTimeline.Build(input.Events, input.Context);
            var report = timeline.Report;

            Assert.Equal(report.Qoe.ErrorCount, timeline.Errors.Count);
            Assert.Equal(input.Events.Count, timeline.Events.Count);
            Assert.Equal(Enumerable.Range(0, input.Events.Count), timeline.Events.Select(e => e.Index).Order());
            Assert.Equal(
                report.IgnoredEvents.Select(i => (i.Index, i.Reason)).Order(),
                timeline.Events.SelectMany(e => e.Ignored.Select(reason => (e.Index, reason))).Order());
            Assert.True(timeline.Playhead.Zip(timeline.Playhead.Skip(1)).All(pair => pair.First.Ts <= pair.Second.Ts));
            Assert.True(timeline.Bitrate.Zip(timeline.Bitrate.Skip(1)).All(pair => pair.First.Ts <= pair.Second.Ts && pair.First.Value != pair.Second.Value));

            // Recording changes nothing: the report equals the one processed without a recorder.
            var plain = SessionProcessor.Process(input.Events, input.Context);
            Assert.Equal(SessionReportJson.ToUtf8Bytes(plain, Header), SessionReportJson.ToUtf8Bytes(report, Header));
            Assert.NotEmpty(SessionTimelineJson.ToUtf8Bytes(timeline));
        }, iter: Iterations);
    }

    private static long Duration(TimelineInterval interval) => interval.End - interval.Start;

    private static long Sum(IEnumerable<TimelineInterval> states, Func<TimelineInterval, bool> where) => states.Where(where).Sum(Duration);

    private static long Overlap(IEnumerable<TimelineInterval> states, Func<TimelineInterval, bool> where, long start, long end) =>
        states.Where(where).Sum(s => Math.Max(0, Math.Min(s.End, end) - Math.Max(s.Start, start)));

    private static void AssertInOrderWithoutOverlap(IEnumerable<(long Start, long End)> spans)
    {
        long previousEnd = long.MinValue;
        foreach (var (start, end) in spans)
        {
            Assert.True(start <= end, $"span {start}-{end} ends before it starts");
            Assert.True(start >= previousEnd, $"span {start}-{end} starts before the previous one ends at {previousEnd}");
            previousEnd = end;
        }
    }
}
