using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>Every SQL statement the PostgreSQL store runs after migration. Values are always bound as parameters.</summary>
internal static class PostgresStatements
{
    /// <summary>
    /// Keeps the batch's statements on the sessions' indexes whatever the table's size. A prepared statement's generic
    /// plan is made early, when the sessions table is nearly empty and a full scan is the cheap way, and kept until the
    /// table's statistics change; on a fresh database that meant scanning every row version of the busiest table for
    /// each batch until the first autovacuum (docs/benchmarks.md, "PostgreSQL group commit"). Planning each batch
    /// afresh (<c>plan_cache_mode = force_custom_plan</c>) avoided it at about a tenth of the database's CPU; with full
    /// scans ruled out, the generic plan made once per connection is an index plan and is reused as it is.
    /// </summary>
    public const string IndexPlansForThisTransaction = "SET LOCAL enable_seqscan = off";

    /// <summary>
    /// Locks the rows of the sessions a batch of online writes appends to, in one order (by id) on every node, so two
    /// batches that share sessions wait for each other instead of deadlocking; at READ COMMITTED a row another
    /// transaction changed meanwhile is read as it was committed. Every check and sequence number of the batch is
    /// worked out from these rows while the locks are held (<see cref="PostgresOnlineBatch"/>).
    /// </summary>
    public const string LockSessions =
        """
        SELECT session_id, status, event_count, first_ts, last_ts, last_event_at, last_playhead, playhead_changed_at
        FROM sessions WHERE session_id = ANY(@session_ids)
        ORDER BY session_id
        FOR UPDATE
        """;

    /// <summary>The sessions a batch starts, each as it stands after the batch's appends to it, from parallel arrays.</summary>
    public const string InsertSessions =
        """
        INSERT INTO sessions (
            session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
            first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at, closed_at)
        SELECT s.session_id, s.downloaded, s.status, s.close_reason, s.media_id, s.media_name, s.content_type, s.media_length,
            s.resume, s.first_ts, s.last_ts, s.event_count, s.received_at, s.last_event_at, s.last_playhead,
            s.playhead_changed_at, s.closed_at
        FROM unnest(@session_ids, @downloaded, @statuses, @close_reasons, @media_ids, @media_names, @content_types, @media_lengths,
            @resumes, @first_tss, @last_tss, @event_counts, @received_ats, @last_event_ats, @last_playheads,
            @playhead_changed_ats, @closed_ats)
            AS s (session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length,
                  resume, first_ts, last_ts, event_count, received_at, last_event_at, last_playhead,
                  playhead_changed_at, closed_at)
        """;

    /// <summary>
    /// The locked sessions a batch appended to, each set to its state after the batch, from parallel arrays. The
    /// <c>ANY</c> condition repeats the join on purpose: it lets the planner find the rows through the primary key
    /// instead of hashing the array and scanning the whole table.
    /// </summary>
    public const string UpdateSessions =
        """
        UPDATE sessions AS s SET
            status = u.status,
            close_reason = u.close_reason,
            closed_at = u.closed_at,
            first_ts = u.first_ts,
            last_ts = u.last_ts,
            event_count = u.event_count,
            last_event_at = u.last_event_at,
            last_playhead = u.last_playhead,
            playhead_changed_at = u.playhead_changed_at
        FROM unnest(@session_ids, @statuses, @close_reasons, @closed_ats, @first_tss, @last_tss, @event_counts,
            @last_event_ats, @last_playheads, @playhead_changed_ats)
            AS u (session_id, status, close_reason, closed_at, first_ts, last_ts, event_count,
                  last_event_at, last_playhead, playhead_changed_at)
        WHERE s.session_id = ANY(@session_ids) AND s.session_id = u.session_id
        """;

    /// <summary>The events a batch accepted (appends and session starts), from parallel arrays.</summary>
    public const string InsertBatchEvents =
        """
        INSERT INTO events (session_id, seq, ts, playhead, event_type, received_at, body)
        SELECT e.session_id, e.seq, e.ts, e.playhead, e.event_type, e.received_at, e.body
        FROM unnest(@session_ids, @seqs, @tss, @playheads, @event_types, @received_ats, @bodies)
            AS e (session_id, seq, ts, playhead, event_type, received_at, body)
        """;

    /// <summary>A closed downloaded session's row; its liveness clocks start at its arrival.</summary>
    public const string InsertDownloadedSession =
        """
        INSERT INTO sessions (
            session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
            first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at,
            closed_at, idempotency_key, body_sha256)
        VALUES (
            @session_id, @downloaded, @status, @close_reason, @media_id, @media_name, @content_type, @media_length, @resume,
            @first_ts, @last_ts, @event_count, @received_at, @received_at, @last_playhead, @received_at,
            @received_at, @idempotency_key, @body_sha256)
        """;

    /// <summary>A small upload's events as parallel arrays: one statement, one round trip.</summary>
    public const string InsertEventArrays =
        """
        INSERT INTO events (session_id, seq, ts, playhead, event_type, received_at, body)
        SELECT @session_id, e.seq, e.ts, e.playhead, e.event_type, @received_at, e.body
        FROM unnest(@seqs, @tss, @playheads, @event_types, @bodies) AS e (seq, ts, playhead, event_type, body)
        """;

    /// <summary>A large upload's events, streamed in binary.</summary>
    public const string CopyEvents =
        "COPY events (session_id, seq, ts, playhead, event_type, received_at, body) FROM STDIN (FORMAT BINARY)";

    /// <summary>Serialises uploads of one identity across every node until the transaction ends.</summary>
    public const string LockUpload = "SELECT pg_advisory_xact_lock(@key)";

    /// <summary>The first upload inside the window that used this idempotency key, with its body hash.</summary>
    public const string FindUploadByKey =
        """
        SELECT session_id, body_sha256 FROM sessions
        WHERE idempotency_key = @idempotency_key AND received_at >= @not_before
        ORDER BY received_at LIMIT 1
        """;

    /// <summary>The first upload inside the window with this exact body.</summary>
    public const string FindUploadByHash =
        """
        SELECT session_id FROM sessions
        WHERE body_sha256 = @body_sha256 AND received_at >= @not_before
        ORDER BY received_at LIMIT 1
        """;

    /// <summary>
    /// Claims idle sessions and closes them. SKIP LOCKED: a session another node's sweeper (or an append) holds is
    /// left to it, so each closed id is returned by exactly one caller; a row closed meanwhile fails the re-checked
    /// status test and is not returned either.
    /// </summary>
    public const string CloseIdleSessions =
        $"""
        WITH due AS (
            SELECT session_id FROM sessions
            WHERE status = '{SessionStatusText.Active}' AND last_event_at < @before
            FOR UPDATE SKIP LOCKED)
        UPDATE sessions s SET status = '{SessionStatusText.TimedOut}', close_reason = '{CloseReasonText.Idle}', closed_at = @closed_at
        FROM due WHERE s.session_id = due.session_id AND s.status = '{SessionStatusText.Active}'
        RETURNING s.session_id
        """;

    /// <summary>As <see cref="CloseIdleSessions"/>, for sessions whose playhead stopped moving.</summary>
    public const string CloseStalledSessions =
        $"""
        WITH due AS (
            SELECT session_id FROM sessions
            WHERE status = '{SessionStatusText.Active}' AND playhead_changed_at < @before
            FOR UPDATE SKIP LOCKED)
        UPDATE sessions s SET status = '{SessionStatusText.TimedOut}', close_reason = '{CloseReasonText.Stall}', closed_at = @closed_at
        FROM due WHERE s.session_id = due.session_id AND s.status = '{SessionStatusText.Active}'
        RETURNING s.session_id
        """;

    public const string SelectSession = $"SELECT {SessionRows.Columns} FROM sessions WHERE session_id = @session_id";

    public const string SelectEvents =
        """
        SELECT seq, event_type, ts, playhead, body, received_at
        FROM events WHERE session_id = @session_id ORDER BY seq
        """;

    /// <summary>
    /// Claims a closed session for its one processing; no row when it was processed before or is still open. A
    /// second node claiming the same session waits for the row lock and then finds <c>processed_at</c> set.
    /// </summary>
    public const string MarkProcessed =
        """
        UPDATE sessions SET processed_at = @processed_at
        WHERE session_id = @session_id AND processed_at IS NULL AND closed_at IS NOT NULL
        RETURNING 1
        """;

    public const string InsertReport =
        """
        INSERT INTO session_reports (session_id, report, calls, processed_at)
        VALUES (@session_id, @report, @calls, @processed_at)
        """;

    public const string SelectUnprocessed =
        """
        SELECT session_id FROM sessions
        WHERE processed_at IS NULL AND closed_at IS NOT NULL
        ORDER BY closed_at
        LIMIT @limit
        """;

    public const string SelectReport = "SELECT report, calls, processed_at FROM session_reports WHERE session_id = @session_id";

    /// <summary>The event partitions that exist now.</summary>
    public const string SelectEventPartitions =
        """
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'events'::regclass
        """;
}
