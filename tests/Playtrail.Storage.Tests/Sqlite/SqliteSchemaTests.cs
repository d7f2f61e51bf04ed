using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Playtrail.Storage.Sqlite;
using static Playtrail.Storage.Tests.Sqlite.SqliteFiles;

namespace Playtrail.Storage.Tests.Sqlite;

public sealed class SqliteSchemaTests
{
    [Fact]
    public async Task Initialize_CreatesMissingDirectoryAndVersionedWalDatabase()
    {
        await using var harness = new SqliteStoreHarness();
        Assert.False(Directory.Exists(Path.GetDirectoryName(harness.Path)));

        await harness.OpenSqliteAsync(TimeProvider.System);

        Assert.True(File.Exists(harness.Path));
        using var connection = OpenRaw(harness.Path);
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(connection, "SELECT max(version) FROM schema_version"));
        // Events are a rowid table with no index: each links to its session's previous event (schema 9), so an append
        // writes only at the table's end.
        Assert.Equal(0L, Scalar(connection, "SELECT wr FROM pragma_table_list WHERE name = 'events'"));
        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM pragma_index_list('events')"));
        Assert.Equal(0L, Scalar(connection, "SELECT wr FROM pragma_table_list WHERE name = 'sessions'"));
    }

    [Fact]
    public async Task Initialize_AgainOrOnReopen_AppliesEachMigrationOnce()
    {
        await using var harness = new SqliteStoreHarness();
        var store = await harness.OpenSqliteAsync(TimeProvider.System);

        await store.InitializeAsync(CancellationToken.None);
        await store.DisposeAsync();
        await harness.OpenSqliteAsync(TimeProvider.System);

        using var connection = OpenRaw(harness.Path);
        Assert.Equal((long)SqliteSchema.CurrentVersion, Scalar(connection, "SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Initialize_DatabaseFromNewerBuild_RefusesToOpen()
    {
        await using var harness = new SqliteStoreHarness();
        await (await harness.OpenSqliteAsync(TimeProvider.System)).DisposeAsync();
        using (var connection = OpenRaw(harness.Path))
        {
            Scalar(connection, "INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
        }

        var newer = harness.Create(TimeProvider.System);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.InitializeAsync(CancellationToken.None));
        Assert.Contains("99", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrations3And4_OnAVersion2Database_FillTotalsAndMonthsFromTheDailyRollups()
    {
        await using var harness = new SqliteStoreHarness();
        // 2018-06-30 is day 17712, 2018-07-01 day 17713: two months, two contents, both kinds.
        using var migrated = MigrateAcross(harness.Path, from: 2, """
            INSERT INTO rollups VALUES
                (17712, 'movie-42', 'vod', 1, 2, 2, 1, 20.0, 25.0, 1.0, 1, 0.5, 0),
                (17712, 'show-7', 'live', 0, 1, 1, 0, 5.0, 5.0, 0.25, 0, 0.0, 1),
                (17713, 'movie-42', 'vod', 1, 3, 3, 3, 30.0, 30.0, 1.5, 2, 1.5, 0),
                (17713, 'movie-42', 'vod', 0, 1, 1, 1, 10.0, 10.0, 0.5, 0, 0.0, 0);
            INSERT INTO rollup_lateness VALUES (17712, 'movie-42', 'vod', 40, 2), (17713, 'movie-42', 'vod', 40, 1), (17713, 'movie-42', 'vod', 45, 2);
            """, to: 4);
        Assert.Equal(4L, Scalar(migrated, "SELECT max(version) FROM schema_version"));
        // Totals: the same sums without the content id.
        Assert.Equal("17712|live|0|1|5.0;17712|vod|1|2|20.0;17713|vod|0|1|10.0;17713|vod|1|3|30.0", Rows(migrated,
            "SELECT day || '|' || content_type || '|' || downloaded || '|' || sessions || '|' || time_played FROM rollup_totals ORDER BY 1"));
        Assert.Equal("17712|vod|40|2;17713|vod|40|1;17713|vod|45|2", Rows(migrated,
            "SELECT day || '|' || content_type || '|' || bucket || '|' || sessions FROM rollup_lateness_totals ORDER BY 1"));
        // Months: June 2018 is month 581 since 1970-01, July 582; a downloaded row carries its lateness histogram.
        Assert.Equal("581|movie-42|1|2|20.0|{\"40\":2};581|show-7|0|1|5.0|-;582|movie-42|0|1|10.0|-;582|movie-42|1|3|30.0|{\"40\":1,\"45\":2}", Rows(migrated,
            "SELECT month || '|' || media_id || '|' || downloaded || '|' || sessions || '|' || time_played || '|' || coalesce(lateness, '-') FROM rollup_months ORDER BY 1"));
    }

    [Fact]
    public async Task Migration6_MovesEveryEventToTheRowidTable_KeepingItsKeyUnique()
    {
        await using var harness = new SqliteStoreHarness();
        using var migrated = MigrateAcross(harness.Path, from: 5, """
            INSERT INTO sessions (session_id, downloaded, status, media_id, content_type, media_length, resume, first_ts, last_ts,
                                  event_count, received_at, last_event_at, last_playhead, playhead_changed_at)
            VALUES ('s-1', 1, 'completed', 'm', 'vod', 10, 0, 1000, 2000, 2, 5000, 5001, 1.5, 5001),
                   ('s-2', 0, 'active', 'm', 'vod', 10, 0, 3000, 3000, 1, 5002, 5002, 0, 5002);
            INSERT INTO events VALUES
                ('s-1', 0, 1000, 0.0, 0, 5000, x'7b7d'),
                ('s-1', 1, 2000, 1.5, 3, 5001, zeroblob(300000)),
                ('s-2', 0, 3000, 0.0, 0, 5002, x'5b5d');
            """, to: 6);

        Assert.Equal("s-1|0|1000|0.0|0|5000|2;s-1|1|2000|1.5|3|5001|300000;s-2|0|3000|0.0|0|5002|2", Rows(migrated,
            "SELECT session_id || '|' || seq || '|' || ts || '|' || playhead || '|' || event_type || '|' || received_at || '|' || length(body) FROM events ORDER BY 1"));
        Assert.Equal(0L, Scalar(migrated, "SELECT wr FROM pragma_table_list WHERE name = 'events'"));
        var duplicate = Assert.Throws<SqliteException>(() => Scalar(migrated, "INSERT INTO events VALUES ('s-2', 0, 1, 0.0, 0, 1, x'00')"));
        Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task Migration8_MovesEveryReportToARowidTable_KeepingItsKeyUniqueAndItsBytes()
    {
        await using var harness = new SqliteStoreHarness();
        using var migrated = MigrateAcross(harness.Path, from: 7, """
            INSERT INTO sessions (session_id, downloaded, status, media_id, content_type, media_length, resume, first_ts, last_ts,
                                  event_count, received_at, last_event_at, last_playhead, playhead_changed_at)
            VALUES ('s-1', 1, 'completed', 'm', 'vod', 10, 0, 1000, 2000, 2, 5000, 5001, 1.5, 5001),
                   ('s-2', 0, 'ended', 'm', 'vod', 10, 0, 3000, 3000, 1, 5002, 5002, 0, 5002);
            INSERT INTO session_reports (session_id, report, calls, processed_at) VALUES
                ('s-1', x'7b7d', x'5b5d', 6000),
                ('s-2', zeroblob(300000), x'5b7b7d5d', 6001);
            """, to: 8);

        Assert.Equal("s-1|7B7D|5B5D|6000;s-2|300000|5B7B7D5D|6001", Rows(migrated,
            "SELECT session_id || '|' || iif(length(report) > 100, length(report), hex(report)) || '|' || hex(calls) || '|' || processed_at FROM session_reports ORDER BY 1"));
        Assert.Equal(0L, Scalar(migrated, "SELECT wr FROM pragma_table_list WHERE name = 'session_reports'"));
        var duplicate = Assert.Throws<SqliteException>(() => Scalar(migrated, "INSERT INTO session_reports VALUES ('s-2', 1, x'00', x'00')"));
        Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task Migration9_LinksEveryEventToTheOneBefore_KeepingRowidsAndDroppingTheIndexAndForeignKey()
    {
        await using var harness = new SqliteStoreHarness();
        // Two sessions' events interleaved; s-2 lost its event 0 to retention; s-3 lost all of them.
        using var migrated = MigrateAcross(harness.Path, from: 8, """
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
            """, to: 9);
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


    /// <summary>
    /// A database built to version <paramref name="from"/>, filled by <paramref name="seed"/>, then reopened and migrated to
    /// version <paramref name="to"/> as a newer build would find it; returns the reopened connection.
    /// </summary>
    private static SqliteConnection MigrateAcross(string path, int from, string seed, int to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var connection = OpenRaw(path))
        {
            SqliteSchema.Migrate(connection, TimeProvider.System, NullLogger.Instance, targetVersion: from);
            Scalar(connection, seed);
        }

        var migrated = OpenRaw(path);
        SqliteSchema.Migrate(migrated, TimeProvider.System, NullLogger.Instance, targetVersion: to);
        return migrated;
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

        return string.Join(';', sequences);
    }
}
