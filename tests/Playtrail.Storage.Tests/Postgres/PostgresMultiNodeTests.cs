using System.Text;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>
/// The guarantees that hold across server nodes: each test opens two stores with their own connection pools on one
/// database, as two nodes would, and races them.
/// </summary>
public sealed class PostgresMultiNodeTests : IAsyncLifetime
{
    private readonly PostgresStoreHarness _harness = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private PostgresSessionStore _nodeA = null!;
    private PostgresSessionStore _nodeB = null!;

    private static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _nodeA = await _harness.OpenPostgresAsync(_time);
        _nodeB = await _harness.OpenPostgresAsync(_time);
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task SixteenConcurrentIdenticalUploads_OnTwoNodes_StoreOneSession()
    {
        var body = StoreInputs.DownloadedBody();
        var identity = StoreInputs.Identity(body, "retry-key", _time.GetUtcNow().AddDays(-1));
        var uploads = Enumerable.Range(0, 16)
            .Select(i => (Node: i % 2 == 0 ? _nodeA : _nodeB, Session: StoreInputs.DownloadedSession(StoreInputs.Downloaded(body), _time.GetUtcNow())))
            .ToArray();

        var outcomes = await Task.WhenAll(uploads.Select(upload =>
            Task.Run(() => upload.Node.CreateDownloadedSessionAsync(upload.Session, StoreInputs.Downloaded(body), identity, None))));

        var created = Assert.Single(outcomes, outcome => outcome.Kind == DownloadedOutcomeKind.Created);
        Assert.All(outcomes, outcome => Assert.Equal(created.SessionId, outcome.SessionId));
        Assert.Equal(15, outcomes.Count(outcome => outcome.Kind == DownloadedOutcomeKind.Duplicate));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM sessions"));
        Assert.Equal(5L, await ScalarAsync("SELECT count(*) FROM events"));
    }

    [Fact]
    public async Task TwoNodesSweepingAtOnce_CloseEachIdleSessionExactlyOnce()
    {
        var ids = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            var start = StoreInputs.SessionStart();
            var session = StoreInputs.OnlineSession(start, _time.GetUtcNow());
            await (i % 2 == 0 ? _nodeA : _nodeB).CreateOnlineSessionAsync(session, start, None);
            ids.Add(session.SessionId);
        }

        _time.Advance(TimeSpan.FromMinutes(11));
        var idleBefore = _time.GetUtcNow().AddMinutes(-10);
        var stallBefore = _time.GetUtcNow().AddMinutes(-30);

        var sweeps = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? _nodeA : _nodeB).CloseTimedOutSessionsAsync(idleBefore, stallBefore, None))));

        var closed = sweeps.SelectMany(sweep => sweep).ToList();
        Assert.Equal(ids.Count, closed.Count);
        Assert.Equal(ids.Order(), closed.Order());
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM sessions WHERE status = 'active'"));
    }

    [Fact]
    public async Task ProcessingRacedOnTwoNodes_CountsTheSessionOnce()
    {
        var events = StoreInputs.Downloaded(StoreInputs.DownloadedBody());
        var session = StoreInputs.DownloadedSession(events, _time.GetUtcNow());
        await _nodeA.CreateDownloadedSessionAsync(session, events, StoreInputs.Identity(StoreInputs.DownloadedBody(), null, _time.GetUtcNow().AddDays(-1)), None);
        var facts = TestFacts.Of(session.SessionId, "movie-42", downloaded: true, TestFacts.Ts(2018, 6, 26), timePlayed: 30, lateness: 3_600);
        var processed = new ProcessedSession(session.SessionId, Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("[]"), facts);

        var saved = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            Task.Run(() => (i % 2 == 0 ? _nodeA : _nodeB).SaveProcessedSessionAsync(processed, None))));

        Assert.Equal(1, saved.Count(first => first));
        var day = new DateOnly(2018, 6, 26);
        var row = Assert.Single(await _nodeB.GetSummaryAsync(new SummaryQuery(day, day, SummaryGrouping.Media), None));
        Assert.Equal((1L, 30.0, 1L), (row.Sessions, row.TimePlayed, row.Lateness.Values.Sum()));
        Assert.Equal(1L, await ScalarAsync("SELECT sessions::bigint FROM report_media_months"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM session_facts"));
    }

    [Fact]
    public async Task SessionStartedOnOneNode_TakesEventsFromBothWithDenseSequence()
    {
        var start = StoreInputs.SessionStart();
        var session = StoreInputs.OnlineSession(start, _time.GetUtcNow());
        await _nodeA.CreateOnlineSessionAsync(session, start, None);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 400).Select(i => Task.Run(() =>
            (i % 2 == 0 ? _nodeA : _nodeB).AppendEventAsync(session.SessionId, StoreInputs.Event("ping", i, StoreInputs.FirstTs + i), _time.GetUtcNow(), None))));

        Assert.All(outcomes, outcome => Assert.Equal(AppendOutcome.Accepted, outcome));
        Assert.Equal(Enumerable.Range(0, 401), (await _nodeB.GetEventsAsync(session.SessionId, None)).Select(stored => stored.Sequence));
    }

    [Fact]
    public async Task ConcurrentAppendsAndClosesOnTwoNodes_StoreEachAcceptedEventOnce_WithDenseSequences()
    {
        const int Sessions = 20;
        const int EventsPerSession = 60;
        var sessions = new List<NewSession>();
        for (var i = 0; i < Sessions; i++)
        {
            var start = StoreInputs.SessionStart();
            var session = StoreInputs.OnlineSession(start, _time.GetUtcNow());
            await (i % 2 == 0 ? _nodeA : _nodeB).CreateOnlineSessionAsync(session, start, None);
            sessions.Add(session);
        }

        // Every session gets its events from both nodes at once; in half of them one event in the middle closes the
        // session, so the events racing it are accepted or refused depending on which commits first.
        var writes = sessions.SelectMany((session, s) => Enumerable.Range(1, EventsPerSession).Select(i =>
            (session.SessionId, Ts: StoreInputs.FirstTs + i, Type: s % 2 == 0 && i == EventsPerSession / 2 ? "sessionEnd" : "ping", Node: i % 2 == 0 ? _nodeA : _nodeB)))
            .OrderBy(write => write.Ts).ThenBy(write => write.SessionId, StringComparer.Ordinal).ToList();
        var outcomes = await Task.WhenAll(writes.Select(write => Task.Run(() =>
            write.Node.AppendEventAsync(write.SessionId, StoreInputs.Event(write.Type, write.Ts - StoreInputs.FirstTs, write.Ts), _time.GetUtcNow(), None))));

        Assert.DoesNotContain(AppendOutcome.NotFound, outcomes);
        var accepted = writes.Zip(outcomes).Where(pair => pair.Second == AppendOutcome.Accepted).ToLookup(pair => pair.First.SessionId, pair => pair.First.Ts);
        for (var s = 0; s < Sessions; s++)
        {
            var id = sessions[s].SessionId;
            var stored = await _nodeA.GetEventsAsync(id, None);
            Assert.Equal(Enumerable.Range(0, stored.Count), stored.Select(stored => stored.Sequence));
            Assert.Equal(accepted[id].Order(), stored.Skip(1).Select(stored => stored.Ts).Order());
            var row = await _nodeB.GetSessionAsync(id, None);
            Assert.Equal(stored.Count, row!.EventCount);
            Assert.Equal(s % 2 == 0 ? SessionStatus.Ended : SessionStatus.Active, row.Status);
            if (s % 2 == 0)
            {
                // Nothing is stored after the event that closed the session.
                Assert.Equal(Core.Events.EventType.SessionEnd, stored[^1].Type);
            }
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await _harness.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
