using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// The PostgreSQL layout as an ordered list of migrations, the same logical tables as the SQLite store's. Version
/// <c>n</c> is reached by running migration <c>n</c> on version <c>n - 1</c>; each applied version is recorded in
/// <c>schema_version</c>. Never edit a shipped migration: append a new one.
/// </summary>
/// <remarks>
/// Times are whole milliseconds since the Unix epoch in <c>bigint</c>, as in SQLite, so both stores round alike.
/// Events are partitioned by arrival month (<see cref="PostgresEventPartitions"/>): old raw events are dropped a
/// month at a time while sessions, reports and rollups stay. Events carry no foreign key to their session: they are
/// only ever written in the same statement or transaction as their session's row, and a key would add a lookup per
/// row to the bulk path and tie partitions to the sessions table.
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>The advisory lock every node takes around migrating, so that nodes starting together migrate once.</summary>
    public const long MigrationLockKey = 0x706c_6179_7472_0001;

    private static readonly PostgresMigration[] Migrations =
    [
        new(
        """
        CREATE TABLE sessions (
            session_id          text             NOT NULL PRIMARY KEY,
            downloaded          boolean          NOT NULL,
            status              text             NOT NULL CHECK (status IN ('active', 'completed', 'ended', 'timedOut')),
            close_reason        text             NULL CHECK (close_reason IN ('complete', 'end', 'idle', 'stall', 'endOfArray')),
            media_id            text             NOT NULL,
            media_name          text             NULL,
            content_type        text             NOT NULL,
            media_length        double precision NOT NULL,
            resume              boolean          NOT NULL,
            first_ts            bigint           NOT NULL,
            last_ts             bigint           NOT NULL,
            event_count         integer          NOT NULL,
            received_at         bigint           NOT NULL,
            last_event_at       bigint           NOT NULL,
            last_playhead       double precision NOT NULL,
            playhead_changed_at bigint           NOT NULL,
            closed_at           bigint           NULL,
            processed_at        bigint           NULL,
            idempotency_key     text             NULL,
            body_sha256         bytea            NULL
        );

        -- The sweeper only ever looks at open sessions, so partial indexes stay as small as the open set.
        CREATE INDEX ix_sessions_active_last_event ON sessions (last_event_at) WHERE status = 'active';
        CREATE INDEX ix_sessions_active_playhead_changed ON sessions (playhead_changed_at) WHERE status = 'active';

        -- Not unique: the same key or body may be stored again once the earlier upload is outside the window.
        -- Concurrent uploads of one identity are serialised by an advisory lock instead.
        CREATE INDEX ix_sessions_idempotency_key ON sessions (idempotency_key, received_at) WHERE idempotency_key IS NOT NULL;
        CREATE INDEX ix_sessions_body_sha256 ON sessions (body_sha256, received_at) WHERE body_sha256 IS NOT NULL;

        -- Closed sessions still waiting for the processor.
        CREATE INDEX ix_sessions_unprocessed ON sessions (closed_at) WHERE processed_at IS NULL AND closed_at IS NOT NULL;

        -- Partitioned by arrival: the key must contain the partition column, and the sequence is unique per session
        -- because it is claimed under the session's row lock.
        CREATE TABLE events (
            session_id  text             NOT NULL,
            seq         integer          NOT NULL,
            ts          bigint           NOT NULL,
            playhead    double precision NOT NULL,
            event_type  smallint         NOT NULL,
            received_at bigint           NOT NULL,
            body        bytea            NOT NULL,
            PRIMARY KEY (session_id, seq, received_at)
        ) PARTITION BY RANGE (received_at);

        CREATE TABLE session_reports (
            session_id   text   NOT NULL PRIMARY KEY REFERENCES sessions (session_id) ON DELETE CASCADE,
            report       bytea  NOT NULL,
            calls        bytea  NOT NULL,
            processed_at bigint NOT NULL
        );

        -- Additive measures per day watched (days since 1970-01-01, UTC), content, content type and kind.
        CREATE TABLE rollups (
            day                     integer          NOT NULL,
            media_id                text             NOT NULL,
            content_type            text             NOT NULL,
            downloaded              boolean          NOT NULL,
            sessions                bigint           NOT NULL,
            content_starts          bigint           NOT NULL,
            completes               bigint           NOT NULL,
            time_played             double precision NOT NULL,
            total_time_played       double precision NOT NULL,
            average_minute_audience double precision NOT NULL,
            ad_starts               bigint           NOT NULL,
            buffer_time             double precision NOT NULL,
            error_count             bigint           NOT NULL,
            PRIMARY KEY (day, media_id, content_type, downloaded)
        );

        CREATE TABLE rollup_lateness (
            day          integer NOT NULL,
            media_id     text    NOT NULL,
            content_type text    NOT NULL,
            bucket       integer NOT NULL,
            sessions     bigint  NOT NULL,
            PRIMARY KEY (day, media_id, content_type, bucket)
        );

        -- The same measures without the content id, for summaries by day, content type or kind.
        CREATE TABLE rollup_totals (
            day                     integer          NOT NULL,
            content_type            text             NOT NULL,
            downloaded              boolean          NOT NULL,
            sessions                bigint           NOT NULL,
            content_starts          bigint           NOT NULL,
            completes               bigint           NOT NULL,
            time_played             double precision NOT NULL,
            total_time_played       double precision NOT NULL,
            average_minute_audience double precision NOT NULL,
            ad_starts               bigint           NOT NULL,
            buffer_time             double precision NOT NULL,
            error_count             bigint           NOT NULL,
            PRIMARY KEY (day, content_type, downloaded)
        );

        CREATE TABLE rollup_lateness_totals (
            day          integer NOT NULL,
            content_type text    NOT NULL,
            bucket       integer NOT NULL,
            sessions     bigint  NOT NULL,
            PRIMARY KEY (day, content_type, bucket)
        );

        -- The per-content measures per calendar month (months since 1970-01, UTC); a downloaded row carries its
        -- lateness histogram as a jsonb object (bucket -> sessions).
        CREATE TABLE rollup_months (
            month                   integer          NOT NULL,
            media_id                text             NOT NULL,
            content_type            text             NOT NULL,
            downloaded              boolean          NOT NULL,
            sessions                bigint           NOT NULL,
            content_starts          bigint           NOT NULL,
            completes               bigint           NOT NULL,
            time_played             double precision NOT NULL,
            total_time_played       double precision NOT NULL,
            average_minute_audience double precision NOT NULL,
            ad_starts               bigint           NOT NULL,
            buffer_time             double precision NOT NULL,
            error_count             bigint           NOT NULL,
            lateness                jsonb            NULL,
            PRIMARY KEY (month, media_id, content_type, downloaded)
        );
        """),
        // Schema 2: the reporting tables (docs/reporting.md), filled for the sessions processed so far from their stored
        // reports, and the daily rollups they replace dropped. No index is added on sessions: every append already
        // rewrites the row (it is never a HOT update), so a new index would cost each append an index insert; the open
        // sessions are listed through the existing partial indexes on open sessions instead.
        new(
            ReportSql.CreateTables(SqlDialect.Postgres, ReportSql.FirstMeasures) +
            """

            DROP TABLE rollups;
            DROP TABLE rollup_lateness;
            DROP TABLE rollup_totals;
            DROP TABLE rollup_lateness_totals;
            DROP TABLE rollup_months;
            """,
            PostgresReportingFill.RunAsync),

        // Schema 3: the identifiers each sessionStart names, as digests, so a visitor's sessions can be found and deleted
        // on request (docs/decisions/0020-visitor-deletion.md); filled for the sessions stored so far.
        new(PostgresVisitorIndex.Sql, PostgresVisitorIndex.FillAsync),

        // Schema 4: an append that does not close its session changes no indexed column of sessions, so PostgreSQL
        // rewrites the row within its page (a HOT update) with no index insert at all, where before every event inserted
        // into the primary key and both sweeper indexes and left as many dead entries for vacuum (docs/benchmarks.md,
        // "PostgreSQL group commit"). The sweeper and the list of open sessions read the open set by arrival, which never
        // changes, as on SQLite; the sweeper then filters that set by its clocks. Pages keep room for rewritten rows.
        new(
        """
        CREATE INDEX ix_sessions_active_received ON sessions (received_at, session_id) WHERE status = 'active';
        DROP INDEX ix_sessions_active_last_event;
        DROP INDEX ix_sessions_active_playhead_changed;
        ALTER TABLE sessions SET (fillfactor = 85);
        """),
    ];

    /// <summary>The version this build creates and understands.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>The version that adds <c>session_visitors</c>, so a test can build a database as it was just before it.</summary>
    internal static int VisitorIndexVersion =>
        Array.FindIndex(Migrations, migration => string.Equals(migration.Sql, PostgresVisitorIndex.Sql, StringComparison.Ordinal)) + 1;

    /// <summary>
    /// Brings the database to <see cref="CurrentVersion"/> in one transaction under <see cref="MigrationLockKey"/>
    /// and returns the version. A node that starts while another migrates waits for it and then finds nothing to do.
    /// Refuses a database written by a newer build rather than risk damaging it.
    /// </summary>
    public static Task<int> MigrateAsync(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger logger, CancellationToken cancellationToken) =>
        MigrateAsync(dataSource, timeProvider, logger, CurrentVersion, cancellationToken);

    /// <summary>Brings the database to <paramref name="targetVersion"/>: lets a test build an older database.</summary>
    internal static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger logger, int targetVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", MigrationLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, transaction,
            "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, applied_at bigint NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        int version;
        await using (var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", connection, transaction))
        {
            version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL database {connection.Database} has schema version {version}, but this build of Playtrail knows only up to {CurrentVersion}. Run a newer Playtrail or restore a matching backup.");
        }

        for (var next = version + 1; next <= targetVersion; next++)
        {
            var migration = Migrations[next - 1];
            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken).ConfigureAwait(false);
            if (migration.Fill is { } fill)
            {
                await fill(connection, transaction, logger, cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand("INSERT INTO schema_version (version, applied_at) VALUES (@version, @applied_at)", connection, transaction);
            record.Parameters.AddWithValue("version", next);
            record.Parameters.AddWithValue("applied_at", timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            logger.PostgresSchemaMigrated(next);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Math.Max(version, targetVersion);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
