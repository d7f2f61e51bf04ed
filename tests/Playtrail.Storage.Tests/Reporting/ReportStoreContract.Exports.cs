using System.Text;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Reporting;

public abstract partial class ReportStoreContract
{
    [Fact]
    public async Task Export_ReadsEverySessionOnceInWatchedOrder_AcrossPages_WithCountsKnownBefore()
    {
        // More sessions than one export page, many sharing a first event ts.
        var facts = Enumerable.Range(0, ExportQueries.PageSize + 37)
            .Select(i => TestFacts.Of(Id($"export{i}"), $"m{i % 4}", i % 3 == 0, Utc("2025-03-01T00:00Z") + ((i / 3) * 1_000L), timePlayed: i))
            .ToList();
        await SaveAllAsync(facts);
        var all = new ExportQuery(DateTimeOffset.Parse("2025-03-01T00:00Z"), DateTimeOffset.Parse("2025-04-01T00:00Z"), ReportFilter.None);
        var m1 = all with { Filter = new ReportFilter(MediaId: "m1") };
        var window = all with { WatchedBefore = DateTimeOffset.Parse("2025-03-01T00:01:40Z") };

        var exported = await Reports.ExportSessionsAsync(all, includeCalls: true, None).ToListAsync();
        var withoutCalls = await Reports.ExportSessionsAsync(m1, includeCalls: false, None).ToListAsync();

        Assert.Equal(facts.OrderBy(f => f.FirstEventTs).ThenBy(f => f.SessionId, StringComparer.Ordinal).Select(f => f.SessionId), exported.Select(e => e.Facts.SessionId));
        Assert.All(exported, e => Assert.Equal("[{\"call\":1},{\"call\":2},{\"call\":3}]", Encoding.UTF8.GetString(e.CallsJson!)));
        Assert.All(exported, e => Assert.Equal(Time.GetUtcNow(), e.ProcessedAt));
        Assert.Equal(facts.Count(f => f.MediaId == "m1"), withoutCalls.Count);
        Assert.All(withoutCalls, e => Assert.Null(e.CallsJson));
        Assert.Equal(new ExportCount(facts.Count, facts.Count * 3), await Reports.CountExportAsync(all, None));
        // 100 seconds of sessions, three per second.
        Assert.Equal(new ExportCount(300, 900), await Reports.CountExportAsync(window, None));
        Assert.Equal(300, await Reports.ExportSessionsAsync(window, includeCalls: false, None).CountAsync());
    }

    [Fact]
    public async Task Media_IsNamedByItsLatestWatchedSession_WhateverTheProcessingOrder()
    {
        await SaveAsync(TestFacts.Of(Id("new"), "movie-9", false, Utc("2025-02-02T00:00Z"), mediaName: "New title", contentType: "vod"));
        await SaveAsync(TestFacts.Of(Id("old"), "movie-9", false, Utc("2025-01-01T00:00Z"), mediaName: "Old title", contentType: "live"));
        await SaveAsync(TestFacts.Of(Id("other"), "movie-10", false, Utc("2025-01-01T00:00Z"), mediaName: "Ten"));

        var media = await Reports.GetMediaAsync(["movie-9", "movie-10", "unknown"], None);

        Assert.Equal(new MediaEntry("movie-9", "New title", "vod", 1_800, Utc("2025-02-02T00:00Z")), media["movie-9"]);
        Assert.Equal("Ten", media["movie-10"].Name);
        Assert.False(media.ContainsKey("unknown"));
    }

    [Fact]
    public async Task UploadCounts_AreSummedPerHourOutcomeAndReason()
    {
        await Reports.AddUploadCountsAsync(
            [new UploadCount(100, UploadOutcomes.Accepted, "", 2), new UploadCount(100, UploadOutcomes.Refused, "400:type", 1)], None);
        await Reports.AddUploadCountsAsync(
            [new UploadCount(100, UploadOutcomes.Accepted, "", 3), new UploadCount(101, UploadOutcomes.Refused, "413", 1), new UploadCount(99, UploadOutcomes.Accepted, "", 7)], None);
        await Reports.AddUploadCountsAsync([], None);

        var counts = await Reports.GetUploadCountsAsync(100, 101, None);

        Assert.Equal(
            [
                new UploadCount(100, UploadOutcomes.Accepted, "", 5),
                new UploadCount(100, UploadOutcomes.Refused, "400:type", 1),
                new UploadCount(101, UploadOutcomes.Refused, "413", 1),
            ],
            counts);
    }
}
