using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>
/// Group commit as every store must show it: concurrent online writes share transactions, yet each request is answered
/// exactly as if the requests had run one after another, and nothing a caller was told is stored is lost. Written once
/// against <see cref="ISessionStore"/> and the stores' writer hooks (pause, resume, counters); a store runs it by
/// deriving a sealed class. The pause hook queues requests first and releases them together, so they share batches
/// whatever the machine's speed.
/// </summary>
public abstract class GroupCommitContract : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<SessionStoreHarness> _harnesses = [];

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var harness in _harnesses)
        {
            await harness.DisposeAsync();
        }
    }

    /// <summary>A harness for a fresh database whose stores run <paramref name="writers"/> writer loops where the store has a choice.</summary>
    protected abstract SessionStoreHarness CreateHarness(int writers);

    /// <summary>Holds the store's writer before its next batch, so requests pile up in its queue.</summary>
    protected abstract void Pause(ISessionStore store);

    /// <summary>Lets a paused writer go on.</summary>
    protected abstract void Resume(ISessionStore store);

    /// <summary>Transactions the store has committed so far.</summary>
    protected abstract long CommittedTransactions(ISessionStore store);

    /// <summary>Batches whose shared transaction failed and whose requests were retried one by one.</summary>
    protected abstract long FailedBatches(ISessionStore store);

    [Fact]
    public async Task ConcurrentAppendsToManySessions_GiveEachSessionGapFreeSequences_AndSurviveARestart()
    {
        const int Sessions = 20;
        const int AppendsPerSession = 40;
        var harness = Harness(writers: 2);
        var store = await harness.OpenAsync(Time);
        var sessions = new NewSession[Sessions];
        for (var i = 0; i < Sessions; i++)
        {
            sessions[i] = await StartAsync(store);
        }

        var committedBefore = CommittedTransactions(store);

        Pause(store);
        // Every session's appends come from its own task, in order, as one player's requests would; the sessions' tasks
        // run at once, so the queue interleaves them.
        var appends = new Task<AppendOutcome>[Sessions][];
        Parallel.For(0, Sessions, s => appends[s] = [.. Enumerable.Range(1, AppendsPerSession).Select(i =>
            store.AppendEventAsync(sessions[s].SessionId, StoreInputs.Event("ping", i, Ts(s, i)), sessions[s].ReceivedAt, None))]);
        Resume(store);
        var outcomes = await Task.WhenAll(appends.Select(session => Task.WhenAll(session)));

        Assert.All(outcomes.SelectMany(outcome => outcome), outcome => Assert.Equal(AppendOutcome.Accepted, outcome));
        Assert.InRange(CommittedTransactions(store) - committedBefore, 1, Sessions * AppendsPerSession / 4);
        await AssertStoredAsync(store);
        await store.DisposeAsync();
        var reopened = await harness.OpenAsync(Time);
        await AssertStoredAsync(reopened);
        await reopened.DisposeAsync();

        async Task AssertStoredAsync(ISessionStore opened)
        {
            for (var s = 0; s < Sessions; s++)
            {
                var events = await opened.GetEventsAsync(sessions[s].SessionId, None);
                Assert.Equal(Enumerable.Range(0, AppendsPerSession + 1), events.Select(stored => stored.Sequence));
                Assert.Equal(Enumerable.Range(1, AppendsPerSession).Select(i => Ts(s, i)), events.Skip(1).Select(stored => stored.Ts).Order());
                Assert.Equal(AppendsPerSession + 1, (await opened.GetSessionAsync(sessions[s].SessionId, None))!.EventCount);
            }
        }

        static long Ts(int session, int append) => StoreInputs.FirstTs + (session * 1_000) + append;
    }

    [Fact]
    public async Task WriterBusy_GrowsWithEveryCommit_AndNeverExceedsTheWallTimeOfItsLanes()
    {
        const int Writers = 2;
        var opened = System.Diagnostics.Stopwatch.StartNew();
        var store = await Harness(Writers).OpenAsync(Time);
        var diagnostics = Assert.IsAssignableFrom<IStoreDiagnostics>(store);
        var session = await StartAsync(store);
        var afterStart = diagnostics.WriterBusy;

        var appends = Enumerable.Range(1, 50).Select(i =>
            store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", i, StoreInputs.FirstTs + i), session.ReceivedAt, None));
        Assert.All(await Task.WhenAll(appends), outcome => Assert.Equal(AppendOutcome.Accepted, outcome));

        // Busy time is wall time spent in commits: more after more commits, and at most the elapsed time of every lane.
        Assert.True(afterStart > TimeSpan.Zero, $"busy {afterStart} after the first commit");
        Assert.True(diagnostics.WriterBusy > afterStart, $"busy {diagnostics.WriterBusy} after 50 more writes, {afterStart} before");
        Assert.True(diagnostics.WriterBusy <= opened.Elapsed * Writers, $"busy {diagnostics.WriterBusy} in {opened.Elapsed} on {Writers} lanes");
        await store.DisposeAsync();
    }

    [Fact]
    public async Task AMixedBatch_AnswersEachRequestAsIfTheyRanOneAfterAnother()
    {
        var store = await Harness(writers: 1).OpenAsync(Time);
        var open = await StartAsync(store);
        var closedBefore = await StartAsync(store);
        await store.AppendEventAsync(closedBefore.SessionId, StoreInputs.Event("sessionEnd", 0, StoreInputs.FirstTs + 1), Time.GetUtcNow(), None);
        var closedInBatch = await StartAsync(store);
        var unknownId = StoreInputs.NewSessionId();
        var startedInBatch = StoreInputs.OnlineSession(StoreInputs.SessionStart(), Time.GetUtcNow());
        var committedBefore = CommittedTransactions(store);

        Pause(store);
        var toUnknown = Append(unknownId, "play", 0, 10);
        var toClosed = Append(closedBefore.SessionId, "ping", 5, 11);
        var beforeStart = Append(startedInBatch.SessionId, "play", 0, 12);
        var start = store.CreateOnlineSessionAsync(startedInBatch, StoreInputs.SessionStart(), None);
        var afterStart = Append(startedInBatch.SessionId, "play", 0, 13);
        var beforeClose = Append(closedInBatch.SessionId, "play", 0, 14);
        var closing = Append(closedInBatch.SessionId, "sessionComplete", 8, 15);
        var afterClose = Append(closedInBatch.SessionId, "ping", 9, 16);
        var toOpen = Append(open.SessionId, "play", 0, 17);
        var closeAgain = Append(closedInBatch.SessionId, "sessionEnd", 9, 18);
        Resume(store);

        Assert.Equal(
            [AppendOutcome.NotFound, AppendOutcome.Gone, AppendOutcome.NotFound, AppendOutcome.Accepted, AppendOutcome.Accepted,
             AppendOutcome.Accepted, AppendOutcome.Gone, AppendOutcome.Accepted, AppendOutcome.Gone],
            await Task.WhenAll(toUnknown, toClosed, beforeStart, afterStart, beforeClose, closing, afterClose, toOpen, closeAgain));
        await start;
        Assert.Equal(1, CommittedTransactions(store) - committedBefore);
        Assert.Null(await store.GetSessionAsync(unknownId, None));
        Assert.Equal(new[] { 0, 1 }, await SequencesAsync(store, closedBefore.SessionId));
        Assert.Equal([StoreInputs.FirstTs, StoreInputs.FirstTs + 14, StoreInputs.FirstTs + 15], (await store.GetEventsAsync(closedInBatch.SessionId, None)).Select(stored => stored.Ts));
        var closedRow = (await store.GetSessionAsync(closedInBatch.SessionId, None))!;
        Assert.Equal((SessionStatus.Completed, CloseReason.Complete, 3), (closedRow.Status, closedRow.CloseReason, closedRow.EventCount));
        Assert.Equal(new[] { 0, 1 }, await SequencesAsync(store, open.SessionId));
        Assert.Equal([StoreInputs.FirstTs, StoreInputs.FirstTs + 13], (await store.GetEventsAsync(startedInBatch.SessionId, None)).Select(stored => stored.Ts));
        var startedRow = (await store.GetSessionAsync(startedInBatch.SessionId, None))!;
        Assert.Equal((SessionStatus.Active, (CloseReason?)null, 2), (startedRow.Status, startedRow.CloseReason, startedRow.EventCount));
        await store.DisposeAsync();

        Task<AppendOutcome> Append(string sessionId, string type, double playhead, long offset) =>
            store.AppendEventAsync(sessionId, StoreInputs.Event(type, playhead, StoreInputs.FirstTs + offset), Time.GetUtcNow(), None);
    }

    [Fact]
    public async Task AFailingRequestInABatch_FailsAlone_WhileTheOthersGetTheirOwnAnswers()
    {
        var store = await Harness(writers: 1).OpenAsync(Time);
        var open = await StartAsync(store);
        var closed = await StartAsync(store);
        await store.AppendEventAsync(closed.SessionId, StoreInputs.Event("sessionComplete", 0, StoreInputs.FirstTs + 1), Time.GetUtcNow(), None);
        var first = StoreInputs.OnlineSession(StoreInputs.SessionStart(), Time.GetUtcNow());
        var failedBefore = FailedBatches(store);

        Pause(store);
        var createFirst = store.CreateOnlineSessionAsync(first, StoreInputs.SessionStart(), None);
        var appendFirst = Append(first.SessionId, 100);
        // A session id used twice is a bug in the caller; its insert breaks the transaction the batch shares.
        var createFirstAgain = store.CreateOnlineSessionAsync(first, StoreInputs.SessionStart(StoreInputs.FirstTs + 5), None);
        var appendOpen = Append(open.SessionId, 200);
        var appendClosed = Append(closed.SessionId, 300);
        var appendUnknown = Append(StoreInputs.NewSessionId(), 400);
        var appendFirstAgain = Append(first.SessionId, 500);
        Resume(store);

        await createFirst;
        await Assert.ThrowsAnyAsync<DbException>(() => createFirstAgain);
        Assert.Equal(
            [AppendOutcome.Accepted, AppendOutcome.Accepted, AppendOutcome.Gone, AppendOutcome.NotFound, AppendOutcome.Accepted],
            await Task.WhenAll(appendFirst, appendOpen, appendClosed, appendUnknown, appendFirstAgain));
        Assert.Equal(1, FailedBatches(store) - failedBefore);
        Assert.Equal([StoreInputs.FirstTs, StoreInputs.FirstTs + 100, StoreInputs.FirstTs + 500],
            (await store.GetEventsAsync(first.SessionId, None)).Select(stored => stored.Ts));
        Assert.Equal(new[] { 0, 1, 2 }, await SequencesAsync(store, first.SessionId));
        Assert.Equal(new[] { 0, 1 }, await SequencesAsync(store, open.SessionId));
        Assert.Equal(new[] { 0, 1 }, await SequencesAsync(store, closed.SessionId));
        await store.DisposeAsync();

        Task<AppendOutcome> Append(string sessionId, long offset) =>
            store.AppendEventAsync(sessionId, StoreInputs.Event("ping", 1, StoreInputs.FirstTs + offset), Time.GetUtcNow(), None);
    }

    [Fact]
    public async Task ConcurrentAppendsRacingAClose_AcceptExactlyWhatIsStored_AndNothingAfterTheClose()
    {
        const int Appends = 300;
        const int Closer = 150;
        var store = await Harness(writers: 2).OpenAsync(Time);
        var session = await StartAsync(store);
        var answers = new ConcurrentDictionary<long, AppendOutcome>();

        Pause(store);
        var appends = new Task[Appends];
        Parallel.For(0, Appends, i => appends[i] = AppendAsync(i));
        Resume(store);
        await Task.WhenAll(appends);

        Assert.Equal(AppendOutcome.Accepted, answers[Ts(Closer)]);
        var stored = await store.GetEventsAsync(session.SessionId, None);
        var accepted = answers.Where(answer => answer.Value == AppendOutcome.Accepted).Select(answer => answer.Key).Order();
        Assert.Equal(accepted, stored.Skip(1).Select(storedEvent => storedEvent.Ts).Order());
        Assert.All(answers.Values, outcome => Assert.Contains(outcome, new[] { AppendOutcome.Accepted, AppendOutcome.Gone }));
        Assert.Equal(Enumerable.Range(0, stored.Count), stored.Select(storedEvent => storedEvent.Sequence));
        // The close is the last event stored: every append accepted was stored before it, every one after it was refused.
        Assert.Equal(Ts(Closer), stored[^1].Ts);
        var row = (await store.GetSessionAsync(session.SessionId, None))!;
        Assert.Equal((SessionStatus.Completed, CloseReason.Complete, stored.Count), (row.Status, row.CloseReason, row.EventCount));
        await store.DisposeAsync();

        async Task AppendAsync(int i)
        {
            var type = i == Closer ? "sessionComplete" : "ping";
            answers[Ts(i)] = await store.AppendEventAsync(session.SessionId, StoreInputs.Event(type, i, Ts(i)), Time.GetUtcNow(), None);
        }

        static long Ts(int i) => StoreInputs.FirstTs + 1 + i;
    }

    private SessionStoreHarness Harness(int writers)
    {
        var harness = CreateHarness(writers);
        _harnesses.Add(harness);
        return harness;
    }

    private async Task<NewSession> StartAsync(ISessionStore store)
    {
        var session = StoreInputs.OnlineSession(StoreInputs.SessionStart(), Time.GetUtcNow());
        await store.CreateOnlineSessionAsync(session, StoreInputs.SessionStart(), None);
        return session;
    }

    private static async Task<int[]> SequencesAsync(ISessionStore store, string sessionId) =>
        [.. (await store.GetEventsAsync(sessionId, None)).Select(stored => stored.Sequence)];
}
