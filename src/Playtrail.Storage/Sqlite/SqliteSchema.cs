using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The database layout as an ordered list of migrations. Version <c>n</c> is reached by running migration
/// <c>n</c> on version <c>n - 1</c>; each applied version is recorded in <c>schema_version</c>. Never edit a
/// shipped migration: append a new one.
/// </summary>
internal static class SqliteSchema
{
    private static readonly SqliteMigration[] Migrations =
    [
        new(
        """
        CREATE TABLE sessions (
            session_id          TEXT    NOT NULL PRIMARY KEY,
            downloaded          INTEGER NOT NULL,
            status              TEXT    NOT NULL CHECK (status IN ('active', 'completed', 'ended', 'timedOut')),
            close_reason        TEXT    NULL CHECK (close_reason IN ('complete', 'end', 'idle', 'stall', 'endOfArray')),
            media_id            TEXT    NOT NULL,
            media_name          TEXT    NULL,
            content_type        TEXT    NOT NULL,
            media_length        REAL    NOT NULL,
            resume              INTEGER NOT NULL,
            first_ts            INTEGER NOT NULL,
            last_ts             INTEGER NOT NULL,
            event_count         INTEGER NOT NULL,
            received_at         INTEGER NOT NULL,
            last_event_at       INTEGER NOT NULL,
            last_playhead       REAL    NOT NULL,
            playhead_changed_at INTEGER NOT NULL,
            closed_at           INTEGER NULL,
            processed_at        INTEGER NULL,
            idempotency_key     TEXT    NULL,
            body_sha256         BLOB    NULL
        );

        -- The sweeper only ever looks at open sessions, so partial indexes stay as small as the open set.
        CREATE INDEX ix_sessions_active_last_event ON sessions (last_event_at) WHERE status = 'active';
        CREATE INDEX ix_sessions_active_playhead_changed ON sessions (playhead_changed_at) WHERE status = 'active';

        -- Not unique: the same key or body may be stored again once the earlier upload is outside the window.
        CREATE INDEX ix_sessions_idempotency_key ON sessions (idempotency_key, received_at) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX ix_sessions_body_sha256 ON sessions (body_sha256, received_at) WHERE body_sha256 IS NOT NULL;

        -- Closed sessions still waiting for the processor.
        CREATE INDEX ix_sessions_unprocessed ON sessions (closed_at) WHERE processed_at IS NULL AND closed_at IS NOT NULL;

        CREATE TABLE events (
            session_id  TEXT    NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
            seq         INTEGER NOT NULL,
            ts          INTEGER NOT NULL,
            playhead    REAL    NOT NULL,
            event_type  INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            body        BLOB    NOT NULL,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID;
        """),
        new(
        """
        -- One row per processed session: the report and analytics calls exactly as served.
        CREATE TABLE session_reports (
            session_id   TEXT    NOT NULL PRIMARY KEY REFERENCES sessions (session_id) ON DELETE CASCADE,
            report       BLOB    NOT NULL,
            calls        BLOB    NOT NULL,
            processed_at INTEGER NOT NULL
        ) WITHOUT ROWID;

        -- Additive measures per day watched (days since 1970-01-01, UTC), content, content type and kind.
        -- Reports read these, never raw events; the day leads the key so a date range is one index range.
        CREATE TABLE rollups (
            day                     INTEGER NOT NULL,
            media_id                TEXT    NOT NULL,
            content_type            TEXT    NOT NULL,
            downloaded              INTEGER NOT NULL,
            sessions                INTEGER NOT NULL,
            content_starts          INTEGER NOT NULL,
            completes               INTEGER NOT NULL,
            time_played             REAL    NOT NULL,
            total_time_played       REAL    NOT NULL,
            average_minute_audience REAL    NOT NULL,
            ad_starts               INTEGER NOT NULL,
            buffer_time             REAL    NOT NULL,
            error_count             INTEGER NOT NULL,
            PRIMARY KEY (day, media_id, content_type, downloaded)
        ) WITHOUT ROWID;

        -- Downloaded sessions' lateness as logarithmic histogram buckets, so percentiles survive summing.
        CREATE TABLE rollup_lateness (
            day          INTEGER NOT NULL,
            media_id     TEXT    NOT NULL,
            content_type TEXT    NOT NULL,
            bucket       INTEGER NOT NULL,
            sessions     INTEGER NOT NULL,
            PRIMARY KEY (day, media_id, content_type, bucket)
        ) WITHOUT ROWID;
        """),
        new(
        """
        -- The same measures without the content id: summaries by day, content type or kind read a few rows per
        -- day here instead of one per content, so a year stays a small scan. Filled from the rollups so far.
        CREATE TABLE rollup_totals (
            day                     INTEGER NOT NULL,
            content_type            TEXT    NOT NULL,
            downloaded              INTEGER NOT NULL,
            sessions                INTEGER NOT NULL,
            content_starts          INTEGER NOT NULL,
            completes               INTEGER NOT NULL,
            time_played             REAL    NOT NULL,
            total_time_played       REAL    NOT NULL,
            average_minute_audience REAL    NOT NULL,
            ad_starts               INTEGER NOT NULL,
            buffer_time             REAL    NOT NULL,
            error_count             INTEGER NOT NULL,
            PRIMARY KEY (day, content_type, downloaded)
        ) WITHOUT ROWID;

        INSERT INTO rollup_totals
        SELECT day, content_type, downloaded, sum(sessions), sum(content_starts), sum(completes), sum(time_played),
               sum(total_time_played), sum(average_minute_audience), sum(ad_starts), sum(buffer_time), sum(error_count)
        FROM rollups GROUP BY day, content_type, downloaded;

        CREATE TABLE rollup_lateness_totals (
            day          INTEGER NOT NULL,
            content_type TEXT    NOT NULL,
            bucket       INTEGER NOT NULL,
            sessions     INTEGER NOT NULL,
            PRIMARY KEY (day, content_type, bucket)
        ) WITHOUT ROWID;

        INSERT INTO rollup_lateness_totals
        SELECT day, content_type, bucket, sum(sessions) FROM rollup_lateness GROUP BY day, content_type, bucket;
        """),
        new(
        """
        -- The per-content measures per calendar month (months since 1970-01, UTC). A summary by content over a long
        -- range reads whole months here and only the days at its edges from the daily rollups, so a year is about
        -- twelve rows per content instead of 365. A downloaded row carries its lateness histogram as a JSON object
        -- (bucket -> sessions) rather than one row per bucket: a year by content is then ~45,000 rows, not ~180,000.
        -- Filled from the daily rollups so far.
        CREATE TABLE rollup_months (
            month                   INTEGER NOT NULL,
            media_id                TEXT    NOT NULL,
            content_type            TEXT    NOT NULL,
            downloaded              INTEGER NOT NULL,
            sessions                INTEGER NOT NULL,
            content_starts          INTEGER NOT NULL,
            completes               INTEGER NOT NULL,
            time_played             REAL    NOT NULL,
            total_time_played       REAL    NOT NULL,
            average_minute_audience REAL    NOT NULL,
            ad_starts               INTEGER NOT NULL,
            buffer_time             REAL    NOT NULL,
            error_count             INTEGER NOT NULL,
            lateness                TEXT    NULL,
            PRIMARY KEY (month, media_id, content_type, downloaded)
        ) WITHOUT ROWID;

        INSERT INTO rollup_months
        WITH measures AS (
            SELECT (CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) - 1970) * 12
                       + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS month,
                   media_id, content_type, downloaded, sum(sessions) AS sessions, sum(content_starts) AS content_starts,
                   sum(completes) AS completes, sum(time_played) AS time_played, sum(total_time_played) AS total_time_played,
                   sum(average_minute_audience) AS average_minute_audience, sum(ad_starts) AS ad_starts,
                   sum(buffer_time) AS buffer_time, sum(error_count) AS error_count
            FROM rollups GROUP BY month, media_id, content_type, downloaded),
        buckets AS (
            SELECT (CAST(strftime('%Y', day * 86400, 'unixepoch') AS INTEGER) - 1970) * 12
                       + CAST(strftime('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS month,
                   media_id, content_type, bucket, sum(sessions) AS sessions
            FROM rollup_lateness GROUP BY month, media_id, content_type, bucket),
        histograms AS (
            SELECT month, media_id, content_type, json_group_object(CAST(bucket AS TEXT), sessions) AS lateness
            FROM buckets GROUP BY month, media_id, content_type)
        SELECT m.month, m.media_id, m.content_type, m.downloaded, m.sessions, m.content_starts, m.completes, m.time_played,
               m.total_time_played, m.average_minute_audience, m.ad_starts, m.buffer_time, m.error_count, h.lateness
        FROM measures m
        LEFT JOIN histograms h ON m.downloaded = 1 AND h.month = m.month AND h.media_id = m.media_id AND h.content_type = m.content_type;
        """),
        // Schema 5: the reporting tables (docs/reporting.md), filled for the sessions processed so far from their stored
        // reports, and the daily rollups they replace dropped.
        new(
            ReportSql.CreateTables(SqlDialect.Sqlite, ReportSql.FirstMeasures) +
            """

            -- Open sessions newest first, for the session list. Appends that do not close a session leave the status
            -- out of their SET list, so SQLite never touches this index for them (received_at never changes).
            CREATE INDEX ix_sessions_active_received ON sessions (received_at, session_id) WHERE status = 'active';

            DROP TABLE rollups;
            DROP TABLE rollup_lateness;
            DROP TABLE rollup_totals;
            DROP TABLE rollup_lateness_totals;
            DROP TABLE rollup_months;
            """,
            SqliteReportingFill.Run),

        // Schema 6: events move from a WITHOUT ROWID table, whose B-tree held each whole event in its key, to a rowid
        // table with the key in its own index. Finding a key in the old layout read the whole record of every event it
        // was compared with, so one very large event slowed every write that landed near it; an index entry now holds
        // the key alone, and the body is read only when the event itself is.
        new(
            """
            CREATE TABLE events_v6 (
                session_id  TEXT    NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
                seq         INTEGER NOT NULL,
                ts          INTEGER NOT NULL,
                playhead    REAL    NOT NULL,
                event_type  INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                body        BLOB    NOT NULL
            );
            INSERT INTO events_v6 (session_id, seq, ts, playhead, event_type, received_at, body)
                SELECT session_id, seq, ts, playhead, event_type, received_at, body FROM events ORDER BY session_id, seq;
            DROP TABLE events;
            ALTER TABLE events_v6 RENAME TO events;
            CREATE UNIQUE INDEX ux_events_session_seq ON events (session_id, seq);
            """),

        // Schema 7: the identifiers each sessionStart names, as digests, so a visitor's sessions can be found and deleted
        // on request (docs/decisions/0020-visitor-deletion.md); filled for the sessions stored so far.
        new(SqliteVisitorIndex.Sql, SqliteVisitorIndex.Fill),

        // Schema 8: session reports move from a WITHOUT ROWID table to a rowid table, so that a report and its calls can
        // be written with SQLite's incremental blob I/O (inserted as zeroblobs, then written chunk by chunk) instead of
        // being bound whole: binding copied each document and building the record copied both again, each as large as
        // the upload for a session that repeats large custom metadata (docs/benchmarks.md, "Memory of one maximal
        // upload"). The two documents come last, so that the zeroblobs of the insert are never expanded in memory.
        new(
            """
            CREATE TABLE session_reports_v8 (
                session_id   TEXT    NOT NULL PRIMARY KEY REFERENCES sessions (session_id) ON DELETE CASCADE,
                processed_at INTEGER NOT NULL,
                report       BLOB    NOT NULL,
                calls        BLOB    NOT NULL
            );
            INSERT INTO session_reports_v8 (session_id, processed_at, report, calls)
                SELECT session_id, processed_at, report, calls FROM session_reports ORDER BY session_id;
            DROP TABLE session_reports;
            ALTER TABLE session_reports_v8 RENAME TO session_reports;
            """),

        // Schema 9: a session's events are chained instead of indexed (docs/decisions/0024-event-chains.md). Each event
        // holds the rowid of the session's previous event and each session the rowid of its last, so an append writes
        // only at the end of the events table; the unique (session id, sequence) index it replaces put every open
        // session's entries on a leaf of their own, and that index was most of the pages each commit wrote. The foreign
        // key goes with it: without an index on the session id, deleting a session would scan every event to cascade.
        // The rowid becomes an explicit INTEGER PRIMARY KEY, the only kind VACUUM keeps (it may renumber any other, and
        // the links are rowids); every event keeps its rowid, so events stay in the order they arrived.
        new(
            """
            ALTER TABLE sessions ADD COLUMN last_event_rowid INTEGER NULL;
            UPDATE sessions SET last_event_rowid =
                (SELECT e.rowid FROM events e WHERE e.session_id = sessions.session_id ORDER BY e.seq DESC LIMIT 1);
            CREATE TABLE events_v9 (
                event_id    INTEGER PRIMARY KEY,
                session_id  TEXT    NOT NULL,
                seq         INTEGER NOT NULL,
                ts          INTEGER NOT NULL,
                playhead    REAL    NOT NULL,
                event_type  INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                prev        INTEGER NULL,
                body        BLOB    NOT NULL
            );
            INSERT INTO events_v9 (event_id, session_id, seq, ts, playhead, event_type, received_at, prev, body)
                SELECT e.rowid, e.session_id, e.seq, e.ts, e.playhead, e.event_type, e.received_at,
                       (SELECT p.rowid FROM events p WHERE p.session_id = e.session_id AND p.seq < e.seq ORDER BY p.seq DESC LIMIT 1),
                       e.body
                FROM events e ORDER BY e.rowid;
            DROP TABLE events;
            ALTER TABLE events_v9 RENAME TO events;
            """),
    ];

    /// <summary>The version this build creates and understands.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>The version that adds <c>session_visitors</c>, so a test can build a database as it was just before it.</summary>
    internal static int VisitorIndexVersion =>
        Array.FindIndex(Migrations, migration => string.Equals(migration.Sql, SqliteVisitorIndex.Sql, StringComparison.Ordinal)) + 1;

    /// <summary>
    /// Brings the database on <paramref name="connection"/> to <see cref="CurrentVersion"/> and returns it.
    /// Refuses a database written by a newer build rather than risk damaging it.
    /// </summary>
    public static int Migrate(SqliteConnection connection, TimeProvider timeProvider, ILogger logger) =>
        Migrate(connection, timeProvider, logger, CurrentVersion);

    /// <summary>Brings the database to <paramref name="targetVersion"/>: lets a test build an older database.</summary>
    internal static int Migrate(SqliteConnection connection, TimeProvider timeProvider, ILogger logger, int targetVersion)
    {
        // BEGIN IMMEDIATE: a second process starting at the same moment waits here instead of migrating twice.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)");
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database {connection.DataSource} has schema version {version}, but this build of Playtrail knows only up to {CurrentVersion}. Run a newer Playtrail or restore a matching backup.");
        }

        for (var next = version + 1; next <= targetVersion; next++)
        {
            var migration = Migrations[next - 1];
            Execute(connection, transaction, migration.Sql);
            migration.Fill?.Invoke(connection, transaction, logger);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $applied_at)";
            record.Parameters.AddWithValue("$version", next);
            record.Parameters.AddWithValue("$applied_at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
            logger.SchemaMigrated(next);
        }

        transaction.Commit();
        return Math.Max(version, targetVersion);
    }

    /// <summary>The highest applied version, 0 for an empty database.</summary>
    private static int ReadVersion(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(version), 0) FROM schema_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
