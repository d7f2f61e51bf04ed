using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Playtrail.Core.Processing;

namespace Playtrail.Core.Tests.Processing;

/// <summary>Invariants of the processor over generated sessions (<see cref="SessionGenerator"/>).</summary>
public sealed class SessionProcessorPropertyTests
{
    private const long Iterations = 300;

    private static readonly ReportHeader Header = new(SessionEvents.SessionId, "ended", false, DateTimeOffset.UnixEpoch, null);

    private static SessionContext Context(bool downloaded, SessionCloseKind close = SessionCloseKind.EndOfArray) =>
        new(SessionEvents.SessionId, downloaded, close, close == SessionCloseKind.Idle ? 600 : null);

    [Fact]
    public void AnySession_InAnyOrderAndCloseKind_WritesItsReportAndCallsWithoutThrowing()
    {
        Gen.Select(SessionGenerator.Sessions, Gen.Int, Gen.Enum<SessionCloseKind>(), Gen.Bool).Sample((session, seed, close, downloaded) =>
        {
            var events = SessionEvents.FromArrayElements([.. session.Events]);
            var random = new Random(seed);
            var shuffled = events.OrderBy(_ => random.Next()).ToList();

            foreach (var input in new[] { events, shuffled })
            {
                var report = SessionProcessor.Process(input, Context(downloaded, close));
                Assert.NotEmpty(SessionReportJson.ToUtf8Bytes(report, Header));
                AssertCallsCountEachThingOnce(report);
            }
        }, iter: Iterations);
    }

    /// <summary>
    /// What analytics counts from the calls as written: one start call, first; while the session is open, no close call
    /// of any kind; once it is closed, one close call for every ad and every chapter started and the main close last.
    /// </summary>
    private static void AssertCallsCountEachThingOnce(SessionReport report)
    {
        var written = JsonNode.Parse(AnalyticsCallsJson.ToUtf8Bytes(report.Calls))!.AsArray();
        var types = written.Select(call => call!["type"]!.GetValue<string>()).ToList();
        int Count(string type) => types.Count(t => t == type);

        Assert.Equal(report.Calls.Select(call => call.Type), types);
        Assert.Equal(AnalyticsCallTypes.Start, types[0]);
        Assert.Equal(1, Count(AnalyticsCallTypes.Start));
        Assert.Equal(report.Ads.Count, Count(AnalyticsCallTypes.AdStart));
        if (report.Close == SessionCloseKind.Open)
        {
            Assert.Equal((0, 0, 0), (Count(AnalyticsCallTypes.AdClose), Count(AnalyticsCallTypes.ChapterClose), Count(AnalyticsCallTypes.Close)));
            return;
        }

        Assert.Equal(report.Ads.Count, Count(AnalyticsCallTypes.AdClose));
        Assert.Equal(report.Chapters.Count, Count(AnalyticsCallTypes.ChapterClose));
        Assert.Equal(1, Count(AnalyticsCallTypes.Close));
        Assert.Equal(AnalyticsCallTypes.Close, types[^1]);
    }

    [Fact]
    public void TimeSpent_NeverExceedsTheSessionsWallTime()
    {
        SessionGenerator.Sessions.Sample(session =>
        {
            var report = SessionProcessor.Process(SessionEvents.FromArrayElements([.. session.Events]), Context(downloaded: true));
            var wall = (report.LastEventTs - report.FirstEventTs) / 1000.0;
            var metrics = report.Metrics;
            const double rounding = 1e-9;

            Assert.True(metrics.TimePlayed <= wall, $"timePlayed {metrics.TimePlayed} > wall {wall}");
            Assert.True(metrics.TimePlayed <= metrics.TotalTimePlayed);
            Assert.True(metrics.TotalTimePlayed + metrics.PauseTime + report.Qoe.BufferTime + report.Qoe.StallTime <= wall + rounding);
            Assert.Equal(metrics.TotalTimePlayed - metrics.TimePlayed, report.Ads.Sum(ad => ad.TimePlayed), 6);
            Assert.True(report.Chapters.Sum(chapter => chapter.TimePlayed) <= metrics.TimePlayed + rounding);
            Assert.All(report.States, state => Assert.True(state.Time <= wall));
        }, iter: Iterations);
    }

    [Fact]
    public void UniqueTimePlayed_NeverExceedsTheLength_WhenPlayheadsStayWithinIt()
    {
        SessionGenerator.Sessions.Sample(session =>
        {
            var events = SessionEvents.FromArrayElements([.. session.Events]);
            Assert.All(events, e => Assert.InRange(e.Playhead, 0, session.Length));

            var report = SessionProcessor.Process(events, Context(downloaded: true));

            Assert.InRange(report.Metrics.UniqueTimePlayed, 0, session.Length);
        }, iter: Iterations);
    }

    [Fact]
    public void OnlineDelivery_InAnyArrivalOrder_GivesTheDownloadedReport()
    {
        Gen.Select(SessionGenerator.Sessions, Gen.Int).Sample((session, seed) =>
        {
            var downloaded = SessionEvents.FromArrayElements([.. session.Events]);

            // sessionStart opens an online session, so it arrives first; every other event may arrive in any order.
            var random = new Random(seed);
            var arrival = new[] { 0 }.Concat(Enumerable.Range(1, downloaded.Count - 1).OrderBy(_ => random.Next())).ToArray();
            var online = arrival.Select(index => downloaded[index]).ToList();

            var fromArray = SessionProcessor.Process(downloaded, Context(downloaded: true));
            var fromOnline = SessionProcessor.Process(online, Context(downloaded: false));

            Assert.Equal(Normalize(fromArray, index => index), Normalize(fromOnline, index => arrival[index]));
            Assert.All(fromOnline.Calls, call => Assert.Null(call.Ts));
            Assert.All(fromArray.Calls, call => Assert.NotNull(call.Ts));
        }, iter: Iterations);
    }

    [Fact]
    public void TimePlayedAndStallTime_EqualTheNaiveReference()
    {
        SessionGenerator.Sessions.Sample(session =>
        {
            var events = SessionEvents.FromArrayElements([.. session.Events]);

            var report = SessionProcessor.Process(events, Context(downloaded: true));
            var (play, stall) = NaiveReference.MainContent(events);

            Assert.Equal(play / 1000.0, report.Metrics.TimePlayed);
            Assert.Equal(stall / 1000.0, report.Qoe.StallTime);
        }, iter: Iterations);
    }

    /// <summary>The report and calls as JSON without what may differ: the downloaded flag, call times, and event indices (mapped back to array order).</summary>
    private static string Normalize(SessionReport report, Func<int, int> arrayIndexOf)
    {
        var json = JsonNode.Parse(SessionReportJson.ToUtf8Bytes(report, Header))!.AsObject();
        json["media"]!.AsObject().Remove("downloaded");
        foreach (var ignored in json["ignoredEvents"]!.AsArray())
        {
            ignored!["index"] = arrayIndexOf(ignored["index"]!.GetValue<int>());
        }

        var calls = JsonNode.Parse(AnalyticsCallsJson.ToUtf8Bytes(report.Calls))!.AsArray();
        foreach (var call in calls)
        {
            call!.AsObject().Remove("ts");
            call["contextData"]!.AsObject().Remove("a.media.downloaded");
        }

        return json.ToJsonString() + "\n" + calls.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
