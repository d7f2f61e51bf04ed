using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;

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
    public async Task Migration9_LinksEveryEventToTheOneBefore_KeepingRowidsAndDroppingTheIndexAndForeignKey()
    {
        await using var harness = new SqliteStoreHarness();
        Directory.CreateDirectory(Path.GetDirectoryName(harness.Path)!);
        using (var connection = Open(harness.Path))
        {
            SqliteSchema.Migrate(connection, TimeProvider.System, NullLogger.Instance, targetVersion: 8);
            // Two sessions' events interleaved; s-2 lost its event 0 to retention; s-3 lost all of them.
            Execute(connection, """
                INSERT INTO sessions (session_id, downloaded, status, media_id, content_type, media_length, resume, first_ts, last_ts,
                                      event_count, received_at, last_event_at, last_playhead, playhead_changed_at)
                VALUES ('s-1', 0, 'active', 'm', 'vod', 10, 0, 1000, 3000, 3, 5000, 5004, 2.0, 5004),
                       ('s-2', 0, 'ended', 'm', 'vod', 10, 0, 1000, 3000, 3, 5001, 5003, 2.0, 5003),
                       ('s-3', 1, 'completed', 'm', 'vod', 10, 0, 1000, 1000, 1, 4000, 4000, 0, 4000);
                INSERT INTO events (rowid, session_id, seq, ts, playhead, event_type, received_at, body) VALUES
                    (10, 's-1', 0, 1000, 0.0, 0, 5000, x'7b7d'),
                    (12, 's-2', 1, 2000, 1.0, 4, 5002, x'5b5d'),
                    (13, 's-1', 1, 2000, 1.0, 4, 5002, zeroblob(300000)),
                    (14, 's-2', 2, 3000, 2.0, 3, 5003, x'00'),
                    (15, 's-1', 2, 3000, 2.0, 4, 5004, x'01');
                """);
        }

        using var migrated = Open(harness.Path);
        SqliteSchema.Migrate(migrated, TimeProvider.System, NullLogger.Instance, targetVersion: 9);

        Assert.Equal("10|s-1|0|-|2;12|s-2|1|-|2;13|s-1|1|10|300000;14|s-2|2|12|1;15|s-1|2|13|1", Rows(migrated,
            "SELECT rowid || '|' || session_id || '|' || seq || '|' || coalesce(prev, '-') || '|' || length(body) FROM events ORDER BY rowid"));
        Assert.Equal("s-1|15;s-2|14;s-3|-", Rows(migrated,
            "SELECT session_id || '|' || coalesce(last_event_rowid, '-') FROM sessions ORDER BY session_id"));
        Assert.Equal(0L, Scalar(migrated, "SELECT count(*) FROM pragma_index_list('events')"));
        Assert.Equal("event_id", Scalar(migrated, "SELECT name FROM pragma_table_info('events') WHERE pk = 1"));
        Assert.Equal(0L, Scalar(migrated, "SELECT count(*) FROM pragma_foreign_key_list('events')"));
        Assert.Equal("0;1;2", Sequences(migrated, "s-1"));
        Assert.Equal("1;2", Sequences(migrated, "s-2"));
        Assert.Equal("", Sequences(migrated, "s-3"));
    }

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
        using (var connection = Open(harness.Path))
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
        using (var connection = Open(harness.Path))
        {
            Execute(connection, "VACUUM");
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

    private static async Task<string> UploadAsync(SqliteSessionStore store, string body, DateTimeOffset receivedAt)
    {
        var events = StoreInputs.Downloaded(body);
        var session = StoreInputs.DownloadedSession(events, receivedAt);
        await store.CreateDownloadedSessionAsync(session, events, StoreInputs.Identity(body, null, receivedAt.AddDays(-1)), None);
        return session.SessionId;
    }

    private static async Task ProcessAsync(SqliteSessionStore store, string sessionId)
    {
        var facts = TestFacts.Of(sessionId, "movie-42", downloaded: true, TestFacts.Ts(2018, 6, 26), timePlayed: 30, lateness: 60);
        Assert.True(await store.SaveProcessedSessionAsync(
            new ProcessedSession(sessionId, Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("[]"), facts), None));
    }

    /// <summary>The sequence numbers the store's own read finds for <paramref name="sessionId"/>, joined by ';'.</summary>
    private static string Sequences(SqliteConnection connection, string sessionId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.SelectEvents;
        command.Parameters.AddWithValue("$session_id", sessionId);
        using var reader = command.ExecuteReader();
        var sequences = new List<long>();
        while (reader.Read())
        {
            sequences.Add(reader.GetInt64(0));
        }

        return string.Join(";", sequences);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static string Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return string.Join(";", rows);
    }
}
