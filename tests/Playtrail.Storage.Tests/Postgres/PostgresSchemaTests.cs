using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Playtrail.Core.Events;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;
using Xunit.Abstractions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>Migrations, event partitions and the bulk path of the PostgreSQL store.</summary>
public sealed class PostgresSchemaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresStoreHarness _harness = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    private static CancellationToken None => CancellationToken.None;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task EightNodesStartingAtOnce_OnAnEmptyDatabase_MigrateOnce()
    {
        var stores = new List<PostgresSessionStore>();
        for (var i = 0; i < 8; i++)
        {
            stores.Add(await _harness.CreateAsync(_time));
        }

        await Task.WhenAll(stores.Select(store => Task.Run(() => store.InitializeAsync(None))));

        Assert.Equal(PostgresSchema.CurrentVersion, await ScalarAsync("SELECT count(*) FROM schema_version"));
        Assert.All(await Task.WhenAll(stores.Select(store => store.IsHealthyAsync(None))), Assert.True);
    }

    [Fact]
    public async Task Initialize_OnADatabaseFromANewerBuild_IsRefused()
    {
        await _harness.OpenPostgresAsync(_time);
        await ExecuteAsync($"INSERT INTO schema_version VALUES ({PostgresSchema.CurrentVersion + 1}, 0)");
        var store = await _harness.CreateAsync(_time);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(None));

        Assert.Contains("newer Playtrail", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Initialize_CreatesThisAndNextMonthsPartitions()
    {
        await _harness.OpenPostgresAsync(_time);

        Assert.Equal(["events_2025_06", "events_2025_07"], await PartitionsAsync());
    }

    [Fact]
    public async Task EventsArrivingInANewMonth_CreateItsPartition_AndOlderEventsStayReadable()
    {
        var store = await _harness.OpenPostgresAsync(_time);
        var start = StoreInputs.SessionStart();
        var session = StoreInputs.OnlineSession(start, _time.GetUtcNow());
        await store.CreateOnlineSessionAsync(session, start, None);

        await store.AppendEventAsync(session.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000), _time.GetUtcNow().AddMonths(3), None);

        Assert.Contains("events_2025_09", await PartitionsAsync());
        Assert.Equal([0, 1], (await store.GetEventsAsync(session.SessionId, None)).Select(stored => stored.Sequence));
    }

    [Fact]
    public async Task DroppingRawEvents_RemovesWholeOldMonths_AndKeepsSessionsReportsAndRollups()
    {
        var store = await _harness.OpenPostgresAsync(_time);
        var old = await UploadAsync(store, StoreInputs.DownloadedBody(), _time.GetUtcNow().AddMonths(-3));
        var recent = await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 500_000), _time.GetUtcNow());
        var facts = TestFacts.Of(old, "movie-42", downloaded: true, TestFacts.Ts(2018, 6, 26), timePlayed: 30, lateness: 60);
        await store.SaveProcessedSessionAsync(new ProcessedSession(old, Encoding.UTF8.GetBytes("{}"), Encoding.UTF8.GetBytes("[]"), facts), None);

        var dropped = await store.DropRawEventsBeforeAsync(_time.GetUtcNow().AddMonths(-1), None);

        Assert.Equal(["events_2025_03"], dropped);
        Assert.Empty(await store.GetEventsAsync(old, None));
        Assert.NotNull(await store.GetSessionAsync(old, None));
        Assert.NotNull(await store.GetReportAsync(old, None));
        var day = new DateOnly(2018, 6, 26);
        Assert.Single(await store.GetSummaryAsync(new SummaryQuery(day, day, SummaryGrouping.Media), None));
        Assert.Equal(5, (await store.GetEventsAsync(recent, None)).Count);
    }

    [Fact]
    public async Task RetentionPass_DropsOnlyMonthsWhollyOlderThanTheConfiguredAge()
    {
        var store = await _harness.OpenPostgresAsync(_time);
        await UploadAsync(store, StoreInputs.DownloadedBody(), _time.GetUtcNow().AddDays(-70));
        await UploadAsync(store, StoreInputs.DownloadedBody(StoreInputs.FirstTs + 500_000), _time.GetUtcNow().AddDays(-20));
        var options = Microsoft.Extensions.Options.Options.Create(new RawEventRetentionOptions { RawEvents = TimeSpan.FromDays(30) });
        var retention = new RawEventRetentionService(store, options, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<RawEventRetentionService>.Instance);

        var dropped = await retention.RunOnceAsync(None);

        // 30 days before 2025-06-01 12:00 is 2025-05-02: March is wholly older, May is not.
        Assert.Equal(["events_2025_03"], dropped);
        Assert.Equal(["events_2025_05", "events_2025_06", "events_2025_07"], await PartitionsAsync());
    }

    [Fact]
    public async Task LargeUpload_GoesThroughBinaryCopy_AndReadsBackWhole()
    {
        var store = await _harness.OpenPostgresAsync(_time);
        const int Count = 20_000;
        var body = "[" + string.Join(",", Enumerable.Range(0, Count).Select(i => i == 0
            ? Playtrail.Testing.Samples.SessionStart(StoreInputs.FirstTs, downloaded: true)
            : Playtrail.Testing.Samples.Event("ping", i, StoreInputs.FirstTs + (i * 1_000L)))) + "]";
        var events = StoreInputs.Downloaded(body);
        Assert.True(events.Count > PostgresDownloadedUpload.CopyThreshold);
        // A first upload warms the path up, so the second's time is the bulk path's, not the JIT's.
        await store.CreateDownloadedSessionAsync(
            StoreInputs.DownloadedSession(events, _time.GetUtcNow()), events, StoreInputs.Identity(body, "warm-up", _time.GetUtcNow().AddDays(-1)), None);
        var session = StoreInputs.DownloadedSession(events, _time.GetUtcNow());

        var stopwatch = Stopwatch.StartNew();
        var outcome = await store.CreateDownloadedSessionAsync(session, events, StoreInputs.Identity(body, "measured", _time.GetUtcNow().AddDays(-1)), None);
        stopwatch.Stop();

        Assert.Equal(DownloadedOutcomeKind.Created, outcome.Kind);
        output.WriteLine($"{Count} events in one upload: {stopwatch.Elapsed.TotalMilliseconds:F0} ms, {Count / stopwatch.Elapsed.TotalSeconds:F0} rows/s");
        var stored = await store.GetEventsAsync(session.SessionId, None);
        Assert.Equal(Enumerable.Range(0, Count), stored.Select(storedEvent => storedEvent.Sequence));
        Assert.Equal(events.Select(record => record.Json.ToArray()), stored.Select(storedEvent => storedEvent.Json));
        Assert.Equal(EventType.SessionStart, stored[0].Type);
        Assert.Equal(Count, (await store.GetSessionAsync(session.SessionId, None))!.EventCount);
    }

    private static async Task<string> UploadAsync(PostgresSessionStore store, string body, DateTimeOffset receivedAt)
    {
        var events = StoreInputs.Downloaded(body);
        var session = StoreInputs.DownloadedSession(events, receivedAt);
        await store.CreateDownloadedSessionAsync(session, events, StoreInputs.Identity(body, null, receivedAt.AddDays(-1)), None);
        return session.SessionId;
    }

    [Fact]
    public async Task AnAppendThatDoesNotCloseItsSession_ChangesNoIndexedColumnOfSessions()
    {
        // The columns the batch's update writes, less the three that change only when a session closes (and the key its
        // WHERE matches on).
        var written = System.Text.RegularExpressions.Regex.Matches(PostgresStatements.UpdateSessions, @"(\w+) = u\.")
            .Select(match => match.Groups[1].Value).Except(["status", "close_reason", "closed_at", "session_id"]).ToList();
        await _harness.OpenPostgresAsync(_time);

        var indexes = await StringsAsync("SELECT indexdef FROM pg_indexes WHERE tablename = 'sessions'");

        Assert.Contains("last_event_at", written);
        Assert.Contains(indexes, index => index.Contains("ix_sessions_active_received", StringComparison.Ordinal));
        Assert.All(indexes, index => Assert.DoesNotMatch(@"\b(" + string.Join("|", written) + @")\b", index));
    }

    [Fact]
    public async Task AppendsThatDoNotClose_AreHotUpdatesOfTheSessionRow()
    {
        // What the rule above buys: PostgreSQL rewrites the row within its page and inserts into no index. Its
        // statistics reach the view a moment after the writer's connection goes idle.
        const int Appends = 100;
        var store = await _harness.OpenPostgresAsync(_time);
        var start = StoreInputs.SessionStart();
        var session = StoreInputs.OnlineSession(start, _time.GetUtcNow());
        await store.CreateOnlineSessionAsync(session, start, None);
        for (var i = 1; i <= Appends; i++)
        {
            await store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", i * 10, StoreInputs.FirstTs + (i * 10_000)), _time.GetUtcNow(), None);
        }

        var deadline = Stopwatch.StartNew();
        long updates, hot;
        do
        {
            await Task.Delay(200);
            updates = await ScalarAsync("SELECT coalesce(sum(n_tup_upd), 0) FROM pg_stat_user_tables WHERE relname = 'sessions'");
            hot = await ScalarAsync("SELECT coalesce(sum(n_tup_hot_upd), 0) FROM pg_stat_user_tables WHERE relname = 'sessions'");
        }
        while (updates < Appends && deadline.Elapsed < TimeSpan.FromSeconds(60));

        output.WriteLine($"sessions: {updates} updates, {hot} HOT");
        Assert.True(updates >= Appends, $"Only {updates} updates of sessions reached the statistics.");
        Assert.True(hot >= updates * 9 / 10, $"{hot} of {updates} updates of sessions were HOT.");
    }

    [Fact]
    public async Task BatchLock_PlannedOnceOnAnEmptyTable_NeverScansTheWholeSessionsTable()
    {
        // The generic plan a prepared statement keeps is made on whatever the table holds then: on a fresh database,
        // nothing, where a full scan is cheapest. Under the batch's setting it must still be an index plan.
        await _harness.OpenPostgresAsync(_time);
        var sql = PostgresStatements.LockSessions;
        var parameters = System.Text.RegularExpressions.Regex.Matches(sql, @"@(\w+)").Select(match => match.Groups[1].Value).Distinct().ToList();

        await using var connection = new NpgsqlConnection(await _harness.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setting = new NpgsqlCommand(PostgresStatements.IndexPlansForThisTransaction + "; SET LOCAL plan_cache_mode = force_generic_plan", connection, transaction))
        {
            await setting.ExecuteNonQueryAsync();
        }

        // The statement as the batch sends it, with untyped parameters typed by PostgreSQL from their use, then its plan.
        var numbered = parameters.Aggregate(sql, (text, name) => System.Text.RegularExpressions.Regex.Replace(text, "@" + name + @"\b", "$" + (parameters.IndexOf(name) + 1)));
        await using (var prepare = new NpgsqlCommand("PREPARE batch_statement AS " + numbered, connection, transaction))
        {
            await prepare.ExecuteNonQueryAsync();
        }

        var nulls = string.Join(", ", parameters.Select(_ => "NULL"));
        var plan = string.Join("\n", await StringsAsync(connection, transaction, $"EXPLAIN EXECUTE batch_statement({nulls})"));
        output.WriteLine(plan);

        Assert.Contains("sessions", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on sessions", plan, StringComparison.Ordinal);
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<List<string>> StringsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await _harness.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task<List<string>> PartitionsAsync()
    {
        await using var connection = new NpgsqlConnection(await _harness.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await _harness.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await _harness.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
