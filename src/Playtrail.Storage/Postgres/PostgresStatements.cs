using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>Every SQL statement the PostgreSQL store runs after migration. Values are always bound as parameters.</summary>
internal static class PostgresStatements
{
    /// <summary>
    /// Records one event on an open session in one statement: the UPDATE checks that the session is open, takes its
    /// row lock (so concurrent appends from any node get dense sequence numbers) and claims the next sequence; the
    /// insert runs only when it matched. SET expressions read the row as it was before the update.
    /// </summary>
    public const string AppendToActiveSession =
        """
        WITH claimed AS (
            UPDATE sessions SET
                event_count = event_count + 1,
                first_ts = least(first_ts, @ts),
                last_ts = greatest(last_ts, @ts),
                last_event_at = greatest(last_event_at, @received_at),
                playhead_changed_at = CASE WHEN last_playhead = @playhead THEN playhead_changed_at
                                           ELSE greatest(playhead_changed_at, @received_at) END,
                last_playhead = @playhead,
                status = coalesce(@status, status),
                close_reason = coalesce(@close_reason, close_reason),
                closed_at = coalesce(@closed_at, closed_at)
            WHERE session_id = @session_id AND status = 'active'
            RETURNING event_count - 1 AS seq)
        INSERT INTO events (session_id, seq, ts, playhead, event_type, received_at, body)
        SELECT @session_id, seq, @ts, @playhead, @event_type, @received_at, @body FROM claimed
        RETURNING seq
        """;

    public const string SelectStatus = "SELECT status FROM sessions WHERE session_id = @session_id";

    /// <summary>An online session and its sessionStart, in one statement.</summary>
    public const string InsertOnlineSession =
        """
        WITH created AS (
            INSERT INTO sessions (
                session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
                first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at)
            VALUES (
                @session_id, @downloaded, 'active', NULL, @media_id, @media_name, @content_type, @media_length, @resume,
                @ts, @ts, 1, @received_at, @received_at, @playhead, @received_at)
            RETURNING session_id)
        INSERT INTO events (session_id, seq, ts, playhead, event_type, received_at, body)
        SELECT session_id, 0, @ts, @playhead, @event_type, @received_at, @body FROM created
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
        """
        WITH due AS (
            SELECT session_id FROM sessions
            WHERE status = 'active' AND last_event_at < @before
            FOR UPDATE SKIP LOCKED)
        UPDATE sessions s SET status = 'timedOut', close_reason = 'idle', closed_at = @closed_at
        FROM due WHERE s.session_id = due.session_id AND s.status = 'active'
        RETURNING s.session_id
        """;

    /// <summary>As <see cref="CloseIdleSessions"/>, for sessions whose playhead stopped moving.</summary>
    public const string CloseStalledSessions =
        """
        WITH due AS (
            SELECT session_id FROM sessions
            WHERE status = 'active' AND playhead_changed_at < @before
            FOR UPDATE SKIP LOCKED)
        UPDATE sessions s SET status = 'timedOut', close_reason = 'stall', closed_at = @closed_at
        FROM due WHERE s.session_id = due.session_id AND s.status = 'active'
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
