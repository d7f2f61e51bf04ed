using Playtrail.Storage.Reporting;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Reporting;

public abstract partial class ReportStoreContract
{
    [Fact]
    public async Task ByDay_InParis_PlacesSessionsInTheirLocalDayAcrossTheSpringChange()
    {
        // Paris is +01:00 until 2025-03-30T01:00Z, +02:00 after: that day lasts 23 hours.
        await SaveAllAsync(
        [
            TestFacts.Of(Id("a"), "movie-42", false, Utc("2025-03-29T22:59Z"), timePlayed: 10), // 29th 23:59 in Paris
            TestFacts.Of(Id("b"), "movie-42", false, Utc("2025-03-29T23:00Z"), timePlayed: 10), // 30th 00:00
            TestFacts.Of(Id("c"), "movie-42", false, Utc("2025-03-30T21:59Z"), timePlayed: 10), // 30th 23:59 (summer time)
            TestFacts.Of(Id("d"), "movie-42", false, Utc("2025-03-30T22:00Z"), timePlayed: 10), // 31st 00:00
            TestFacts.Of(Id("e"), "movie-42", false, Utc("2025-03-28T22:59Z"), timePlayed: 10), // 28th: outside the range
        ]);

        var paris = await ReportAsync("2025-03-29", "2025-03-31", Paris, ReportGrouping.Day);
        var utc = await ReportAsync("2025-03-29", "2025-03-31", TimeZoneInfo.Utc, ReportGrouping.Day);
        var parisThirtieth = await ReportAsync("2025-03-30", "2025-03-30", Paris, ReportGrouping.Total);
        var parisThirtiethByMedia = await ReportAsync("2025-03-30", "2025-03-30", Paris, ReportGrouping.Media);

        Assert.Equal([("2025-03-29", 1.0, 10.0), ("2025-03-30", 2, 20), ("2025-03-31", 1, 10)], Summary(paris));
        Assert.Equal([("2025-03-29", 2.0, 20.0), ("2025-03-30", 2, 20)], Summary(utc));
        Assert.Equal([("total", 2.0, 20.0)], Summary(parisThirtieth));
        Assert.Equal([("movie-42", 2.0, 20.0)], Summary(parisThirtiethByMedia));
    }

    [Fact]
    public async Task ByDay_InHalfAndQuarterHourZones_CutsDaysAtLocalMidnight()
    {
        await SaveAllAsync(
        [
            TestFacts.Of(Id("k1"), "movie-42", false, Utc("2025-01-09T18:14Z")),
            TestFacts.Of(Id("k2"), "movie-42", false, Utc("2025-01-09T18:15Z")),
            TestFacts.Of(Id("k3"), "movie-42", false, Utc("2025-01-09T18:29Z")),
            TestFacts.Of(Id("k4"), "movie-42", false, Utc("2025-01-09T18:30Z")),
        ]);
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        // Kolkata's 10th starts at 18:30Z (+05:30), Kathmandu's at 18:15Z (+05:45).
        var inKolkata = await ReportAsync("2025-01-09", "2025-01-10", kolkata, ReportGrouping.Day);
        var inKathmandu = await ReportAsync("2025-01-09", "2025-01-10", TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu"), ReportGrouping.Day);
        var kolkataTenthByMedia = await ReportAsync("2025-01-10", "2025-01-10", kolkata, ReportGrouping.Media);
        var kolkataNinthFiltered = await ReportAsync("2025-01-09", "2025-01-09", kolkata, ReportGrouping.Day, new ReportFilter(MediaId: "movie-42"));

        Assert.Equal([("2025-01-09", 3.0), ("2025-01-10", 1)], Summary(inKolkata).Select(row => (row.Key, row.Sessions)));
        Assert.Equal([("2025-01-09", 1.0), ("2025-01-10", 3)], Summary(inKathmandu).Select(row => (row.Key, row.Sessions)));
        Assert.Equal([("movie-42", 1.0)], Summary(kolkataTenthByMedia).Select(row => (row.Key, row.Sessions)));
        Assert.Equal([("2025-01-09", 3.0)], Summary(kolkataNinthFiltered).Select(row => (row.Key, row.Sessions)));
    }

    [Fact]
    public async Task ByDay_InAHalfHourZoneOverSeveralDays_CountsBoundaryHoursByTheirQuarterHours()
    {
        // Kolkata's 2025-01-10 .. 2025-01-12 is [2025-01-09T18:30Z, 2025-01-12T18:30Z): the hours 18:00-19:00Z are cut.
        await SaveAllAsync(
        [
            TestFacts.Of(Id("h1"), "movie-42", false, Utc("2025-01-09T18:20Z")),
            TestFacts.Of(Id("h2"), "movie-42", false, Utc("2025-01-09T18:40Z")),
            TestFacts.Of(Id("h3"), "movie-42", false, Utc("2025-01-10T02:00Z")),
            TestFacts.Of(Id("h4"), "movie-42", false, Utc("2025-01-10T18:25Z")),
            TestFacts.Of(Id("h5"), "movie-42", false, Utc("2025-01-10T18:35Z")),
            TestFacts.Of(Id("h6"), "movie-42", false, Utc("2025-01-11T12:00Z")),
            TestFacts.Of(Id("h7"), "movie-42", false, Utc("2025-01-12T18:10Z")),
            TestFacts.Of(Id("h8"), "movie-42", false, Utc("2025-01-12T18:50Z")),
        ]);
        var kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

        var byDay = await ReportAsync("2025-01-10", "2025-01-12", kolkata, ReportGrouping.Day);
        var total = await ReportAsync("2025-01-10", "2025-01-12", kolkata, ReportGrouping.Total);

        Assert.Equal([("2025-01-10", 3.0), ("2025-01-11", 2), ("2025-01-12", 1)], Summary(byDay).Select(row => (row.Key, row.Sessions)));
        Assert.Equal([("total", 6.0)], Summary(total).Select(row => (row.Key, row.Sessions)));
    }

    [Fact]
    public async Task Reports_GroupByEveryKey_AndFilterByContentTypeKindAndContent()
    {
        var watched = Utc("2025-05-10T12:00Z");
        await SaveAllAsync(
        [
            TestFacts.Of(Id("s1"), "movie-1", true, watched, timePlayed: 100, lateness: 60),
            TestFacts.Of(Id("s2"), "movie-1", false, watched, timePlayed: 50),
            TestFacts.Of(Id("s3"), "movie-2", false, watched, timePlayed: 30, contentType: "live"),
            TestFacts.Of(Id("s4"), "movie-2", true, watched, timePlayed: 20, lateness: 7_200, contentType: "live"),
            TestFacts.Of(Id("s5"), "movie-3", true, watched, timePlayed: 10, lateness: 86_400),
        ]);

        Task<IReadOnlyList<ReportRow>> May(ReportGrouping grouping, ReportFilter? filter = null) =>
            ReportAsync("2025-05-01", "2025-05-31", TimeZoneInfo.Utc, grouping, filter);

        Assert.Equal([("movie-1", 2.0, 150.0), ("movie-2", 2, 50), ("movie-3", 1, 10)], Summary(await May(ReportGrouping.Media)));
        Assert.Equal([("live", 2.0, 50.0), ("vod", 3, 160)], Summary(await May(ReportGrouping.ContentType)));
        var byKind = await May(ReportGrouping.Downloaded);
        Assert.Equal([("downloaded", 3.0, 130.0), ("online", 2, 80)], Summary(byKind));
        Assert.Equal([("total", 5.0, 210.0)], Summary(await May(ReportGrouping.Total)));
        Assert.Equal([("2025-05-10", 5.0, 210.0)], Summary(await May(ReportGrouping.Day)));

        Assert.Equal([("movie-1", 2.0, 150.0), ("movie-3", 1, 10)], Summary(await May(ReportGrouping.Media, new ReportFilter(ContentType: "vod"))));
        Assert.Equal([("live", 1.0, 20.0), ("vod", 2, 110)], Summary(await May(ReportGrouping.ContentType, new ReportFilter(Downloaded: true))));
        Assert.Equal([("2025-05-10", 2.0, 50.0)], Summary(await May(ReportGrouping.Day, new ReportFilter(MediaId: "movie-2"))));
        Assert.Equal([("total", 1.0, 30.0)], Summary(await May(ReportGrouping.Total, new ReportFilter(MediaId: "movie-2", Downloaded: false))));
        Assert.Empty(await May(ReportGrouping.Media, new ReportFilter(ContentType: "podcast")));

        // Three downloaded sessions in the histogram, a minute, two hours and a day late; none online.
        Assert.Equal(3, byKind[0].Lateness.Values.Sum());
        Assert.Empty(byKind[1].Lateness);
        Assert.Equal(3, byKind[0].Measures[Measure.DownloadedSessions]);
        Assert.InRange(Playtrail.Storage.Sessions.LatenessHistogram.Percentile(byKind[0].Lateness, 0.5)!.Value, 7_200, 7_200 * 1.19);
    }

    [Fact]
    public async Task Reports_OverLongRanges_ReadWholeMonthsAndEdges_CountingEachSessionOnce()
    {
        // Sessions on month edges and mid-month over a year, read by content (months + days + quarter-hours) and by day.
        string[] instants = ["2024-12-31T23:59Z", "2025-01-01T00:00Z", "2025-01-31T23:45Z", "2025-02-15T12:00Z", "2025-06-30T22:30Z", "2025-07-01T00:10Z"];
        await SaveAllAsync(instants.Select((instant, i) => TestFacts.Of(Id($"edge{i}"), $"movie-{i % 2}", i % 2 == 0, Utc(instant), timePlayed: 1)));

        foreach (var zone in new[] { TimeZoneInfo.Utc, Paris, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu") })
        {
            var byMedia = await ReportAsync("2024-12-01", "2025-07-31", zone, ReportGrouping.Media);
            var byDay = await ReportAsync("2024-12-01", "2025-07-31", zone, ReportGrouping.Day);
            var total = await ReportAsync("2025-01-01", "2025-06-30", zone, ReportGrouping.Total);

            Assert.Equal(6, byMedia.Sum(row => row.Measures[Measure.Sessions]));
            Assert.Equal(6, byDay.Sum(row => row.Measures[Measure.Sessions]));
            // January to June holds four of them in every zone, not the same four: in UTC the 2024-12-31T23:59Z one is out
            // and the 2025-06-30T22:30Z one in; in Paris (+01:00, +02:00) and Kathmandu (+05:45) the other way round.
            Assert.Equal(4, Assert.Single(total).Measures[Measure.Sessions]);
        }
    }

    [Fact]
    public async Task Total_OfARangeWithoutSessions_IsOneRowOfZeros()
    {
        var rows = await ReportAsync("2030-01-01", "2030-01-31", Paris, ReportGrouping.Total);

        var row = Assert.Single(rows);
        Assert.Equal("total", row.Key);
        Assert.All(MeasureCatalog.All, measure => Assert.Equal(0, row.Measures[measure]));
    }

    [Fact]
    public async Task Arrivals_CountDownloadedSessionsByDayWatchedAndDayReceived_InTheReportsZone()
    {
        // Paris is +02:00 in July.
        await SaveAllAsync(
        [
            TestFacts.Of(Id("a1"), "movie-1", true, Utc("2025-07-01T21:30Z"), timePlayed: 1, receivedAt: DateTimeOffset.Parse("2025-07-01T22:30Z")),
            TestFacts.Of(Id("a2"), "movie-1", true, Utc("2025-07-01T10:00Z"), timePlayed: 2, receivedAt: DateTimeOffset.Parse("2025-07-01T12:00Z")),
            TestFacts.Of(Id("a3"), "movie-1", true, Utc("2025-07-02T10:00Z"), timePlayed: 4, receivedAt: DateTimeOffset.Parse("2025-07-05T10:00Z")),
            TestFacts.Of(Id("a4"), "show-1", true, Utc("2025-07-01T10:00Z"), timePlayed: 8, contentType: "live", receivedAt: DateTimeOffset.Parse("2025-07-03T10:00Z")),
            TestFacts.Of(Id("o1"), "movie-1", false, Utc("2025-07-01T10:00Z"), timePlayed: 16),
            TestFacts.Of(Id("a5"), "movie-1", true, Utc("2025-07-03T10:00Z"), timePlayed: 32, receivedAt: DateTimeOffset.Parse("2025-07-03T11:00Z")),
        ]);

        var paris = await Reports.GetArrivalsAsync(new ReportQuery(Day("2025-07-01"), Day("2025-07-02"), Paris, ReportGrouping.Total, ReportFilter.None), None);
        var vodOnly = await Reports.GetArrivalsAsync(new ReportQuery(Day("2025-07-01"), Day("2025-07-02"), Paris, ReportGrouping.Total, new ReportFilter(ContentType: "vod")), None);
        var utc = await Reports.GetArrivalsAsync(new ReportQuery(Day("2025-07-01"), Day("2025-07-01"), TimeZoneInfo.Utc, ReportGrouping.Day, ReportFilter.None), None);

        Assert.Equal(
            [
                new ArrivalCell(Day("2025-07-01"), Day("2025-07-01"), 1, 2),
                new ArrivalCell(Day("2025-07-01"), Day("2025-07-02"), 1, 1), // watched at 23:30, received at 00:30 in Paris
                new ArrivalCell(Day("2025-07-01"), Day("2025-07-03"), 1, 8),
                new ArrivalCell(Day("2025-07-02"), Day("2025-07-05"), 1, 4),
            ],
            paris);
        Assert.DoesNotContain(vodOnly, cell => cell.Received == Day("2025-07-03"));
        Assert.Equal(3, vodOnly.Count);
        Assert.Equal([new ArrivalCell(Day("2025-07-01"), Day("2025-07-01"), 2, 3), new ArrivalCell(Day("2025-07-01"), Day("2025-07-03"), 1, 8)], utc);
    }
}
