using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>
/// The single writer's batching, isolation, back-pressure and shutdown. The writer's pause hook lets a test
/// queue requests first and release them together, so every batch boundary here is deterministic.
/// </summary>
public sealed class SqliteGroupCommitTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task QueuedAppends_CommitInFarFewerTransactionsThanRequests()
    {
        const int Count = 2_000;
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartOnlineSessionAsync(store);
        var records = Enumerable.Range(1, Count).Select(i => StoreInputs.Event("ping", i, StoreInputs.FirstTs + i)).ToArray();
        var committedBefore = store.CommittedTransactions;

        store.PauseWriter();
        var appends = new Task<AppendOutcome>[Count];
        Parallel.For(0, Count, i => appends[i] = store.AppendEventAsync(session.SessionId, records[i], session.ReceivedAt, None));
        Assert.Equal(Count, store.QueuedWrites);
        store.ResumeWriter();
        var outcomes = await Task.WhenAll(appends);

        Assert.All(outcomes, outcome => Assert.Equal(AppendOutcome.Accepted, outcome));
        var transactions = store.CommittedTransactions - committedBefore;
        var fullBatches = (Count + SqliteStoreOptions.DefaultMaxBatchSize - 1) / SqliteStoreOptions.DefaultMaxBatchSize;
        Assert.InRange(transactions, 1, fullBatches);
        var events = await store.GetEventsAsync(session.SessionId, None);
        Assert.Equal(Enumerable.Range(0, Count + 1), events.Select(stored => stored.Sequence));
        Assert.Equal(records.Select(record => record.Ts), events.Skip(1).Select(stored => stored.Ts).Order());
    }

    [Fact]
    public async Task FailingRequestInBatch_FailsAloneWhileTheOthersCommit()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var first = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());
        var second = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());

        store.PauseWriter();
        var createFirst = store.CreateOnlineSessionAsync(first, StoreInputs.SessionStart(), None);
        var createSecond = store.CreateOnlineSessionAsync(second, StoreInputs.SessionStart(), None);
        // A session id used twice is a bug in the caller; its insert breaks the shared transaction.
        var createFirstAgain = store.CreateOnlineSessionAsync(first, StoreInputs.SessionStart(StoreInputs.FirstTs + 5), None);
        var appendSecond = store.AppendEventAsync(second.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000), second.ReceivedAt, None);
        store.ResumeWriter();

        await createFirst;
        await createSecond;
        await Assert.ThrowsAsync<SqliteException>(() => createFirstAgain);
        Assert.Equal(AppendOutcome.Accepted, await appendSecond);
        Assert.Equal(1, store.FailedBatches);
        var firstEvents = await store.GetEventsAsync(first.SessionId, None);
        Assert.Equal(StoreInputs.FirstTs, Assert.Single(firstEvents).Ts);
        Assert.Equal(2, (await store.GetEventsAsync(second.SessionId, None)).Count);
    }

    [Fact]
    public async Task IdenticalUploadsInOneBatch_SecondSeesTheFirstAndIsDuplicate()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var body = StoreInputs.DownloadedBody();
        var identity = StoreInputs.Identity(body, null, _time.GetUtcNow().AddDays(-1));
        var firstSession = StoreInputs.DownloadedSession(StoreInputs.Downloaded(body), _time.GetUtcNow());
        var secondSession = StoreInputs.DownloadedSession(StoreInputs.Downloaded(body), _time.GetUtcNow());
        var committedBefore = store.CommittedTransactions;

        store.PauseWriter();
        var first = store.CreateDownloadedSessionAsync(firstSession, StoreInputs.Downloaded(body), identity, None);
        var second = store.CreateDownloadedSessionAsync(secondSession, StoreInputs.Downloaded(body), identity, None);
        store.ResumeWriter();

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Created, firstSession.SessionId), await first);
        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, firstSession.SessionId), await second);
        Assert.Equal(1, store.CommittedTransactions - committedBefore);
        Assert.Null(await store.GetSessionAsync(secondSession.SessionId, None));
    }

    [Fact]
    public async Task Write_WhenQueueIsFull_FailsFastWithStoreOverloaded()
    {
        const int Capacity = 4;
        await using var harness = new SqliteStoreHarness(options => options.QueueCapacity = Capacity);
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartOnlineSessionAsync(store);

        store.PauseWriter();
        var queued = Enumerable.Range(1, Capacity)
            .Select(i => store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", i, StoreInputs.FirstTs + i), session.ReceivedAt, None))
            .ToArray();
        var overflow = store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 99, StoreInputs.FirstTs + 99), session.ReceivedAt, None);

        await Assert.ThrowsAsync<StoreOverloadedException>(() => overflow);
        store.ResumeWriter();
        Assert.All(await Task.WhenAll(queued), outcome => Assert.Equal(AppendOutcome.Accepted, outcome));
        Assert.Equal(AppendOutcome.Accepted,
            await store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 100, StoreInputs.FirstTs + 100), session.ReceivedAt, None));
        var storedTs = (await store.GetEventsAsync(session.SessionId, None)).Select(stored => stored.Ts);
        Assert.DoesNotContain(StoreInputs.FirstTs + 99, storedTs);
        Assert.Equal(Capacity + 2, storedTs.Count());
    }

    [Fact]
    public async Task Dispose_WithQueuedWrites_CommitsThemBeforeClosing()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartOnlineSessionAsync(store);

        store.PauseWriter();
        var queued = Enumerable.Range(1, 10)
            .Select(i => store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", i, StoreInputs.FirstTs + i), session.ReceivedAt, None))
            .ToArray();
        await store.DisposeAsync();

        Assert.All(queued, append => Assert.Equal(AppendOutcome.Accepted, append.Result));
        var reopened = await harness.OpenSqliteAsync(_time);
        Assert.Equal(11, (await reopened.GetEventsAsync(session.SessionId, None)).Count);
    }

    [Fact]
    public async Task Dispose_AfterReadsAndWrites_LeavesOneSelfContainedDatabaseFile()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartOnlineSessionAsync(store);
        await store.GetEventsAsync(session.SessionId, None);
        Assert.True(File.Exists(harness.Path + "-wal"));

        await store.DisposeAsync();

        Assert.False(File.Exists(harness.Path + "-wal"));
        var reopened = await harness.OpenSqliteAsync(_time);
        Assert.NotNull(await reopened.GetSessionAsync(session.SessionId, None));
    }

    [Fact]
    public async Task Write_AfterDispose_ThrowsObjectDisposed()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => StartOnlineSessionAsync(store));
        Assert.False(await store.IsHealthyAsync(None));
    }

    [Fact]
    public async Task Write_BeforeInitialize_ThrowsInvalidOperation()
    {
        await using var harness = new SqliteStoreHarness();
        var store = harness.Create(_time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => StartOnlineSessionAsync(store));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetSessionAsync(StoreInputs.NewSessionId(), None));
        Assert.False(await store.IsHealthyAsync(None));
    }

    [Fact]
    public async Task Write_CancelledWhileQueued_IsAnsweredAtOnce_WhileTheWriterIsStillHeld()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());
        using var cancellation = new CancellationTokenSource();

        store.PauseWriter();
        var create = store.CreateOnlineSessionAsync(session, StoreInputs.SessionStart(), cancellation.Token);
        await cancellation.CancelAsync();

        // Answered before the writer moves: a deadline holds even when the writer is stuck in a long transaction.
        // (The wait bound only stops a regression from hanging the run; a correct store answers at once.)
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create.WaitAsync(TimeSpan.FromSeconds(30)));
        store.ResumeWriter();
        var other = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());
        await store.CreateOnlineSessionAsync(other, StoreInputs.SessionStart(), None);
        Assert.Null(await store.GetSessionAsync(session.SessionId, None));
        Assert.NotNull(await store.GetSessionAsync(other.SessionId, None));
    }

    [Fact]
    public async Task Write_CancelledWhileQueued_IsCancelledAndWritesNothing()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());
        using var cancellation = new CancellationTokenSource();

        store.PauseWriter();
        var create = store.CreateOnlineSessionAsync(session, StoreInputs.SessionStart(), cancellation.Token);
        await cancellation.CancelAsync();
        store.ResumeWriter();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);
        Assert.Null(await store.GetSessionAsync(session.SessionId, None));
    }

    [Fact]
    public async Task Append_ToAnIdleWriter_IsCommittedByTheCallerBeforeTheCallReturns()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartOnlineSessionAsync(store);
        var committedBefore = store.CommittedTransactions;

        // Nothing else is writing, so the caller drains its own write: no hand-off to another thread and back.
        var append = store.AppendEventAsync(session.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1), session.ReceivedAt, None);

        Assert.True(append.IsCompletedSuccessfully);
        Assert.Equal(AppendOutcome.Accepted, await append);
        Assert.Equal(1, store.CommittedTransactions - committedBefore);
        Assert.Equal(0, store.QueuedWrites);
        Assert.Equal(2, (await store.GetEventsAsync(session.SessionId, None)).Count);
    }

    [Fact]
    public async Task Appends_WithDrainingLeftToTheThreadPool_AreAllCommittedGapFree()
    {
        const int Count = 200;
        await using var harness = new SqliteStoreHarness(options => options.DrainOnCaller = false);
        var store = await harness.OpenSqliteAsync(_time);
        var session = await StartOnlineSessionAsync(store);

        var appends = new Task<AppendOutcome>[Count];
        Parallel.For(0, Count, i => appends[i] = store.AppendEventAsync(
            session.SessionId, StoreInputs.Event("ping", i + 1, StoreInputs.FirstTs + i + 1), session.ReceivedAt, None));
        var outcomes = await Task.WhenAll(appends);

        Assert.All(outcomes, outcome => Assert.Equal(AppendOutcome.Accepted, outcome));
        var events = await store.GetEventsAsync(session.SessionId, None);
        Assert.Equal(Enumerable.Range(0, Count + 1), events.Select(stored => stored.Sequence));
    }

    private async Task<NewSession> StartOnlineSessionAsync(SqliteSessionStore store)
    {
        var session = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());
        await store.CreateOnlineSessionAsync(session, StoreInputs.SessionStart(), None);
        return session;
    }
}
