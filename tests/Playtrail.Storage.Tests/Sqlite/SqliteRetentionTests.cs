using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;
using static Playtrail.Storage.Tests.Sqlite.SqliteStoreSteps;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>Raw-event retention on SQLite: old events of processed sessions go, in batches; everything else stays.</summary>
public sealed class SqliteRetentionTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task DroppingRawEvents_DeletesOldEventsOfProcessedSessions_InBatches_AndKeepsSessionsReportsRollupsAndNewerEvents()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var oldProcessed = await UploadAsync(store, StoreInputs.DownloadedBody(), _time.GetUtcNow().AddDays(-100));
        var oldUnprocessed = await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 250_000), _time.GetUtcNow().AddDays(-90));
        var recent = await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 500_000), _time.GetUtcNow().AddDays(-5));
        await ProcessAsync(store, oldProcessed);
        await ProcessAsync(store, recent);

        // A batch of 2 rows makes the pass take several batches over the 15 events.
        var deleted = await store.DropRawEventsBeforeAsync(_time.GetUtcNow().AddDays(-30), None, batchSize: 2);

        Assert.Equal(5, deleted);
        Assert.Empty(await store.GetEventsAsync(oldProcessed, None));
        Assert.NotNull(await store.GetSessionAsync(oldProcessed, None));
        Assert.NotNull(await store.GetReportAsync(oldProcessed, None));
        var day = new DateOnly(2018, 6, 26);
        Assert.NotEmpty(await store.GetSummaryAsync(new SummaryQuery(day, day, SummaryGrouping.Media), None));
        // Not processed yet: its events are what processing will need.
        Assert.Equal(5, (await store.GetEventsAsync(oldUnprocessed, None)).Count);
        Assert.Equal(5, (await store.GetEventsAsync(recent, None)).Count);
    }

    [Fact]
    public async Task TheRetentionService_UsesTheConfiguredAge_AndASecondPassFindsNothing()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var old = await UploadAsync(store, StoreInputs.DownloadedBody(), _time.GetUtcNow().AddDays(-40));
        var kept = await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 500_000), _time.GetUtcNow().AddDays(-20));
        await ProcessAsync(store, old);
        await ProcessAsync(store, kept);
        var options = Microsoft.Extensions.Options.Options.Create(new RawEventRetentionOptions { RawEvents = TimeSpan.FromDays(30) });
        var retention = new SqliteRawEventRetentionService(store, options, _time, NullLogger<SqliteRawEventRetentionService>.Instance);

        Assert.Equal(5, await retention.RunOnceAsync(None));
        Assert.Equal(0, await retention.RunOnceAsync(None));
        Assert.Empty(await store.GetEventsAsync(old, None));
        Assert.Equal(5, (await store.GetEventsAsync(kept, None)).Count);
    }
}
