using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;
using static Playtrail.Storage.Tests.Sqlite.SqliteFiles;
using static Playtrail.Storage.Tests.Sqlite.SqliteStoreSteps;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>
/// A session's events are found by following each event's link to the one before it from the session's last event
/// (schema 9, docs/decisions/0024-event-chains.md): these tests hold what the index it replaced gave for free.
/// </summary>
public sealed class SqliteEventChainTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Events_OfSessionsWrittenSideBySide_AreReadBackInOrder_WhateverTheirRoute()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var first = await StartAsync(store);
        var second = await StartAsync(store);
        var uploaded = await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 500_000), _time.GetUtcNow());
        for (var i = 1; i <= 20; i++)
        {
            await AppendAsync(store, i % 3 == 0 ? second : first, i, _time.GetUtcNow());
        }

        var firstEvents = await store.GetEventsAsync(first, None);
        var secondEvents = await store.GetEventsAsync(second, None);
        Assert.Equal(Enumerable.Range(0, 15), firstEvents.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 7), secondEvents.Select(e => e.Sequence));
        Assert.Equal([3, 6, 9, 12, 15, 18], secondEvents.Skip(1).Select(e => (int)e.Playhead));
        Assert.Equal(Enumerable.Range(0, 5), (await store.GetEventsAsync(uploaded, None)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task ASessionSpanningTheRetentionCutoff_KeepsItsNewerEvents_ReadFromItsLastOne()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartAsync(store, _time.GetUtcNow().AddDays(-40));
        await AppendAsync(store, session, 1, _time.GetUtcNow().AddDays(-40));
        await AppendAsync(store, session, 2, _time.GetUtcNow().AddDays(-10));
        await AppendAsync(store, session, 3, _time.GetUtcNow().AddDays(-10), "sessionEnd");
        await ProcessAsync(store, session);

        Assert.Equal(2, await store.DropRawEventsBeforeAsync(_time.GetUtcNow().AddDays(-30), None));

        Assert.Equal([2, 3], (await store.GetEventsAsync(session, None)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task RetentionStopsAtTheFirstNewerEvent_WhenTheClockSteppedBackAfterIt_SoNoSessionIsLeftWithAGap()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartAsync(store, _time.GetUtcNow().AddDays(-40));
        await AppendAsync(store, session, 1, _time.GetUtcNow().AddDays(-10));
        // The clock stepped back by 45 days: this newer event arrived "before" the one above.
        await AppendAsync(store, session, 2, _time.GetUtcNow().AddDays(-55), "sessionEnd");
        await ProcessAsync(store, session);

        Assert.Equal(1, await store.DropRawEventsBeforeAsync(_time.GetUtcNow().AddDays(-30), None, batchSize: 10));

        Assert.Equal([1, 2], (await store.GetEventsAsync(session, None)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task ASessionWhoseEventsWereAllDropped_ReadsNone_AfterItsLastRowidIsReusedByAnotherSession()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var dropped = await UploadAsync(store, StoreInputs.DownloadedBody(), _time.GetUtcNow().AddDays(-100));
        await ProcessAsync(store, dropped);
        Assert.Equal(5, await store.DropRawEventsBeforeAsync(_time.GetUtcNow().AddDays(-30), None));
        // The table is empty, so SQLite numbers the next rows from 1 again: the dropped session's last rowid, 5, is reused.
        var later = await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 500_000), _time.GetUtcNow());
        using (var connection = OpenRaw(harness.Path))
        {
            Assert.Equal(Scalar(connection, $"SELECT last_event_rowid FROM sessions WHERE session_id = '{dropped}'"),
                Scalar(connection, $"SELECT last_event_rowid FROM sessions WHERE session_id = '{later}'"));
        }

        Assert.Empty(await store.GetEventsAsync(dropped, None));
        Assert.Equal(Enumerable.Range(0, 5), (await store.GetEventsAsync(later, None)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Vacuum_LeavesEveryChainWhole_AfterRetentionLeftGapsInTheRowids()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var dropped = await UploadAsync(store, StoreInputs.DownloadedBody(), _time.GetUtcNow().AddDays(-100));
        var kept = await StartAsync(store);
        var uploaded = await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 500_000), _time.GetUtcNow());
        for (var i = 1; i <= 6; i++)
        {
            await AppendAsync(store, kept, i, _time.GetUtcNow());
        }

        await ProcessAsync(store, dropped);
        Assert.Equal(5, await store.DropRawEventsBeforeAsync(_time.GetUtcNow().AddDays(-30), None));
        await store.DisposeAsync();

        // What the operations guide suggests after retention, to give the freed pages back to the disk.
        using (var connection = OpenRaw(harness.Path))
        {
            Scalar(connection, "VACUUM");
        }

        store = await harness.OpenSqliteAsync(_time);
        Assert.Equal(Enumerable.Range(0, 7), (await store.GetEventsAsync(kept, None)).Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 5), (await store.GetEventsAsync(uploaded, None)).Select(e => e.Sequence));
        Assert.Equal(AppendOutcome.Accepted, await store.AppendEventAsync(
            kept, StoreInputs.Event("ping", 7, StoreInputs.FirstTs + 70_000), _time.GetUtcNow(), None));
        Assert.Equal(Enumerable.Range(0, 8), (await store.GetEventsAsync(kept, None)).Select(e => e.Sequence));
    }

    private async Task<string> StartAsync(SqliteSessionStore store, DateTimeOffset? receivedAt = null)
    {
        var start = StoreInputs.SessionStart();
        var session = StoreInputs.OnlineSession(start, receivedAt ?? _time.GetUtcNow());
        await store.CreateOnlineSessionAsync(session, start, None);
        return session.SessionId;
    }

    private static async Task AppendAsync(SqliteSessionStore store, string sessionId, int playhead, DateTimeOffset receivedAt, string eventType = "ping") =>
        Assert.Equal(AppendOutcome.Accepted, await store.AppendEventAsync(
            sessionId, StoreInputs.Event(eventType, playhead, StoreInputs.FirstTs + (playhead * 10_000)), receivedAt, None));
}
