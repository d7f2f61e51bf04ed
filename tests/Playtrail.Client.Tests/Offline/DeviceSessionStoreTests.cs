using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Client.Offline;

namespace Playtrail.Client.Tests.Offline;

public sealed class DeviceSessionStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Reopened_FromTheSameFile_KeepsPendingSessionsOldestFirst_WithEventsInOrder()
    {
        var path = Recording.NewStorePath();
        long first;
        long second;
        using (var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path }, _time))
        {
            first = Recording.Complete(store, 1_700_000_000_000);
            second = Recording.Complete(store, 1_700_000_100_000, pings: 1);
        }

        using var reopened = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path }, _time);

        Assert.Equal(2, reopened.GetDiagnostics().ReadySessions);
        var next = reopened.NextDue(0);
        Assert.Equal(first, next?.Id);
        Assert.Equal(second, reopened.NextDue(first)?.Id);
        var payload = Encoding.UTF8.GetString(reopened.ReadPayload(first)!);
        var expected = "[" + Samples.SessionStart(1_700_000_000_000, downloaded: true) + "," + Samples.Event("play", 0, 1_700_000_001_000) + ","
            + Samples.Event("ping", 10, 1_700_000_011_000) + "," + Samples.Event("ping", 20, 1_700_000_021_000) + ","
            + Samples.Event("ping", 30, 1_700_000_031_000) + "," + Samples.Event("sessionComplete", 35, 1_700_000_036_000) + "]";
        Assert.Equal(expected, payload);
    }

    [Fact]
    public void AStoreFileWrittenEarlier_ReadsItsStateNumbers_AsOpenReadyAndDead()
    {
        // Stores on devices hold 0 (open), 1 (ready) and 2 (dead letter) in sessions.state; an upgrade must read them alike.
        var path = Recording.NewStorePath();
        DeviceSessionStore.Open(new DeviceStoreOptions { Path = path }, _time).Dispose();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText =
                """
                INSERT INTO sessions (idempotency_key, state, created_at, event_count, bytes, last_seq, last_ts, last_playhead, last_status)
                VALUES ('open', 0, $now, 1, 2, 1, 1, 0, NULL), ('ready', 1, $now, 1, 2, 1, 1, 0, NULL), ('dead', 2, $now, 1, 2, 1, 1, 0, 400);
                INSERT INTO events (session_id, seq, ts, playhead, event_type, body) VALUES (1, 1, 1, 0, 'sessionStart', X'7B7D'),
                    (2, 1, 1, 0, 'sessionStart', X'7B7D'), (3, 1, 1, 0, 'sessionStart', X'7B7D');
                """;
            command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }

        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path }, _time);

        var diagnostics = store.GetDiagnostics();
        Assert.Equal((1, 1, 1), (diagnostics.OpenSessions, diagnostics.ReadySessions, diagnostics.DeadLetters));
        Assert.Equal("ready", store.NextDue(0)?.IdempotencyKey);
        Assert.Equal(["dead"], store.GetDeadLetters().Select(letter => letter.IdempotencyKey));
        Assert.Equal(1, store.RecoverInterrupted());
        Assert.Equal(2, store.GetDiagnostics().ReadySessions);
    }

    [Fact]
    public void StoreAtMaxSessions_BeginningAnother_EvictsTheOldestWholeSession_AndCountsIt()
    {
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath(), MaxSessions = 2 }, _time);
        var oldest = Recording.Complete(store, 1_700_000_000_000, pings: 2);
        var middle = Recording.Complete(store, 1_700_000_100_000);

        var newest = Recording.Complete(store, 1_700_000_200_000);

        var diagnostics = store.GetDiagnostics();
        Assert.Equal(2, diagnostics.ReadySessions);
        Assert.Equal(new DropCount(Sessions: 1, Events: 5), diagnostics.Drops[StoreDropReason.SessionLimit]);
        Assert.Null(store.ReadPayload(oldest));
        Assert.Equal(middle, store.NextDue(0)?.Id);
        Assert.Equal(newest, store.NextDue(middle)?.Id);
    }

    [Fact]
    public void StoreOverMaxBytes_EvictsOldestWholeSessions_NeverTheOneBeingRecorded()
    {
        var sessionBytes = 0L;
        using (var probe = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time))
        {
            Recording.Complete(probe, 1_700_000_000_000);
            sessionBytes = probe.GetDiagnostics().Bytes;
        }

        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath(), MaxBytes = (sessionBytes * 2) + 100 }, _time);
        Recording.Complete(store, 1_700_000_000_000);
        Recording.Complete(store, 1_700_000_100_000);

        var third = Recording.Complete(store, 1_700_000_200_000);

        var diagnostics = store.GetDiagnostics();
        Assert.Equal(2, diagnostics.ReadySessions);
        Assert.True(diagnostics.Bytes <= (sessionBytes * 2) + 100);
        Assert.Equal(1, diagnostics.Drops[StoreDropReason.ByteLimit].Sessions);
        Assert.NotNull(store.ReadPayload(third));
    }

    [Fact]
    public void SessionAtMaxEvents_DropsFurtherEventsAndCountsThem_ButKeepsTheClosingEvent()
    {
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath(), MaxEventsPerSession = 3 }, _time);
        var session = Recording.Begin(store, 1_700_000_000_000);
        Assert.True(Recording.Append(store, session, "play", 0, 1_700_000_001_000));
        Assert.True(Recording.Append(store, session, "ping", 10, 1_700_000_011_000));

        Assert.False(Recording.Append(store, session, "ping", 20, 1_700_000_021_000));
        Assert.False(Recording.Append(store, session, "ping", 30, 1_700_000_031_000));
        Assert.True(Recording.Append(store, session, "sessionComplete", 35, 1_700_000_036_000));
        store.EndSession(session);

        Assert.Equal(new DropCount(0, 2), store.GetDiagnostics().Drops[StoreDropReason.EventLimit]);
        Assert.EndsWith(Samples.Event("sessionComplete", 35, 1_700_000_036_000) + "]", Encoding.UTF8.GetString(store.ReadPayload(session)!));
    }

    [Fact]
    public void SessionOlderThanMaxAge_IsEvictedAndCounted()
    {
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath(), MaxAge = TimeSpan.FromDays(30) }, _time);
        Recording.Complete(store, 1_700_000_000_000);
        _time.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        Assert.Equal(1, store.EvictExpired());

        var diagnostics = store.GetDiagnostics();
        Assert.Equal(0, diagnostics.ReadySessions);
        Assert.Equal(new DropCount(1, 6), diagnostics.Drops[StoreDropReason.MaxAge]);
    }

    [Fact]
    public void DropCounters_SurviveARestart()
    {
        var path = Recording.NewStorePath();
        using (var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path, MaxSessions = 1 }, _time))
        {
            Recording.Complete(store, 1_700_000_000_000);
            Recording.Complete(store, 1_700_000_100_000);
            Assert.False(store.Append(12345, "ping", 1, 1, "{}"u8));
        }

        using var reopened = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path, MaxSessions = 1 }, _time);

        var drops = reopened.GetDiagnostics().Drops;
        Assert.Equal(1, drops[StoreDropReason.SessionLimit].Sessions);
        Assert.Equal(1, drops[StoreDropReason.UnknownSession].Events);
    }

    [Fact]
    public void RecoverInterrupted_ClosesAnOpenSessionAtItsLastEvent_AndQueuesIt()
    {
        var path = Recording.NewStorePath();
        long session;
        using (var crashed = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path }, _time))
        {
            session = Recording.Begin(crashed, 1_700_000_000_000);
            Recording.Append(crashed, session, "play", 0, 1_700_000_001_000);
            Recording.Append(crashed, session, "ping", 10.5, 1_700_000_011_000);
        }

        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path }, _time);
        Assert.Equal(1, store.GetDiagnostics().OpenSessions);

        Assert.Equal(1, store.RecoverInterrupted());

        Assert.Equal(1, store.GetDiagnostics().ReadySessions);
        Assert.EndsWith(
            """,{"eventType":"sessionEnd","playerTime":{"playhead":10.5,"ts":1700000011001}}]""",
            Encoding.UTF8.GetString(store.ReadPayload(session)!));
        Assert.Equal(0, store.RecoverInterrupted());
    }

    [Fact]
    public void RecoverInterrupted_LeavesSessionsThisStoreIsRecording()
    {
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        var session = Recording.Begin(store, 1_700_000_000_000);

        Assert.Equal(0, store.RecoverInterrupted());
        Assert.True(Recording.Append(store, session, "play", 0, 1_700_000_001_000));
    }

    [Fact]
    public void EventJson_WithQuotesAndSqlText_IsStoredByteForByte()
    {
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        var start = Samples.SessionStart(1_700_000_000_000, downloaded: true, "\"media.show\": \"Ain't it'); DROP TABLE events; --\"");
        var session = store.BeginSession("sessionStart", 1_700_000_000_000, 0, Encoding.UTF8.GetBytes(start));
        store.EndSession(session);

        Assert.Equal("[" + start + "]", Encoding.UTF8.GetString(store.ReadPayload(session)!));
    }

    [Fact]
    public void UnopenableStore_DoesNotThrow_ReportsUnavailableAndCountsDrops()
    {
        var directory = ServerInstance.NewDirectory();
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = directory }, _time);

        Assert.Equal(0, Recording.Begin(store, 1_700_000_000_000));
        Assert.False(store.Append(1, "play", 1, 0, "{}"u8));

        var diagnostics = store.GetDiagnostics();
        Assert.False(diagnostics.IsAvailable);
        Assert.NotNull(diagnostics.LastError);
        Assert.Equal(new DropCount(1, 2), diagnostics.Drops[StoreDropReason.StoreError]);
    }

    [Fact]
    public void Appends_FromManyThreads_AreAllStoredInSeqOrder()
    {
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        var sessions = Enumerable.Range(0, 4).Select(i => Recording.Begin(store, 1_700_000_000_000 + (i * 100_000))).ToArray();

        Parallel.ForEach(sessions, session =>
        {
            for (var i = 1; i <= 50; i++)
            {
                Assert.True(Recording.Append(store, session, "ping", i, 1_700_000_000_000 + i));
            }
        });

        Assert.Equal(4 * 51, sessions.Sum(session => Encoding.UTF8.GetString(store.ReadPayload(session)!).Split("\"eventType\"").Length - 1));
    }
}
