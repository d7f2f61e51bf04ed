using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>Every SQL statement the store runs after migration. Values are always bound as parameters.</summary>
internal static class SqliteStatements
{
    /// <summary>
    /// What an append needs to know first: whether the session exists, whether it is open, its event count, which is the
    /// new event's sequence number, and the rowid of its last event, which the new event links to. The writer reads it
    /// and then updates the row in the same transaction, instead of one <c>UPDATE … RETURNING</c>: RETURNING makes SQLite
    /// treat the update as a multi-row write that may abort, so every such statement inside a group-commit transaction
    /// opened a statement journal whose 64 KiB buffer was allocated and freed again, and the C allocator handed that
    /// memory back to the kernel and faulted it in again each time (docs/benchmarks.md, "Online events at the cost of
    /// HTTP (issue 10)").
    /// </summary>
    public const string SelectForAppend =
        $"SELECT status = '{SessionStatusText.Active}', event_count, last_event_rowid FROM sessions WHERE session_id = $session_id";

    /// <summary>
    /// Records one event that does not close the session, on a row <see cref="SelectForAppend"/> found open, right after
    /// <see cref="InsertEvent"/> inserted it: <c>last_insert_rowid()</c> is that event's rowid (an UPDATE leaves it as it
    /// is). SET expressions read the row as it was before the update. The status columns are not in the SET list: SQLite
    /// then leaves every index on them alone, so the open-session index by arrival costs an append nothing.
    /// </summary>
    public const string AppendToActiveSession =
        """
        UPDATE sessions SET
            event_count = event_count + 1,
            first_ts = min(first_ts, $ts),
            last_ts = max(last_ts, $ts),
            last_event_at = max(last_event_at, $received_at),
            playhead_changed_at = CASE WHEN last_playhead = $playhead THEN playhead_changed_at
                                       ELSE max(playhead_changed_at, $received_at) END,
            last_playhead = $playhead,
            last_event_rowid = last_insert_rowid()
        WHERE session_id = $session_id
        """;

    /// <summary>As <see cref="AppendToActiveSession"/> for a <c>sessionEnd</c> or <c>sessionComplete</c>, which also closes the session.</summary>
    public const string AppendClosingEvent =
        """
        UPDATE sessions SET
            event_count = event_count + 1,
            first_ts = min(first_ts, $ts),
            last_ts = max(last_ts, $ts),
            last_event_at = max(last_event_at, $received_at),
            playhead_changed_at = CASE WHEN last_playhead = $playhead THEN playhead_changed_at
                                       ELSE max(playhead_changed_at, $received_at) END,
            last_playhead = $playhead,
            last_event_rowid = last_insert_rowid(),
            status = $status,
            close_reason = $close_reason,
            closed_at = $closed_at
        WHERE session_id = $session_id
        """;

    public const string SelectStatus = "SELECT status FROM sessions WHERE session_id = $session_id";

    /// <summary>One event, linked to the rowid of the session's previous event (<c>$prev</c>, null for the first).</summary>
    public const string InsertEvent =
        """
        INSERT INTO events (session_id, seq, ts, playhead, event_type, received_at, prev, body)
        VALUES ($session_id, $seq, $ts, $playhead, $event_type, $received_at, $prev, $body)
        """;

    /// <summary>
    /// A new session, inserted right after its events: <c>last_insert_rowid()</c> is its last event's rowid. Its liveness
    /// clocks start at its arrival.
    /// </summary>
    public const string InsertSession =
        """
        INSERT INTO sessions (
            session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
            first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at,
            closed_at, idempotency_key, body_sha256, last_event_rowid)
        VALUES (
            $session_id, $downloaded, $status, $close_reason, $media_id, $media_name, $content_type, $media_length, $resume,
            $first_ts, $last_ts, $event_count, $received_at, $received_at, $last_playhead, $received_at,
            $closed_at, $idempotency_key, $body_sha256, last_insert_rowid())
        """;

    /// <summary>The first upload inside the window that used this idempotency key, with its body hash.</summary>
    public const string FindUploadByKey =
        """
        SELECT session_id, body_sha256 FROM sessions
        WHERE idempotency_key = $idempotency_key AND received_at >= $not_before
        ORDER BY received_at LIMIT 1
        """;

    /// <summary>The first upload inside the window with this exact body.</summary>
    public const string FindUploadByHash =
        """
        SELECT session_id FROM sessions
        WHERE body_sha256 = $body_sha256 AND received_at >= $not_before
        ORDER BY received_at LIMIT 1
        """;

    public const string CloseIdleSessions =
        $"""
        UPDATE sessions SET status = '{SessionStatusText.TimedOut}', close_reason = '{CloseReasonText.Idle}', closed_at = $closed_at
        WHERE status = '{SessionStatusText.Active}' AND last_event_at < $before
        RETURNING session_id
        """;

    public const string CloseStalledSessions =
        $"""
        UPDATE sessions SET status = '{SessionStatusText.TimedOut}', close_reason = '{CloseReasonText.Stall}', closed_at = $closed_at
        WHERE status = '{SessionStatusText.Active}' AND playhead_changed_at < $before
        RETURNING session_id
        """;

    public const string SelectSession = $"SELECT {SessionRows.Columns} FROM sessions WHERE session_id = $session_id";

    /// <summary>
    /// The rowids of a session's events, newest first, by following each event's link to the one before it from the
    /// session's last event (schema 9, docs/decisions/0024-event-chains.md). A step must land on an event of the same
    /// session: a link to an event deleted since (raw-event retention) ends the chain, even if its rowid has been reused.
    /// The last row is the first event's null link.
    /// </summary>
    public const string EventChain =
        """
        WITH RECURSIVE chain(event_rowid) AS (
            SELECT last_event_rowid FROM sessions WHERE session_id = $session_id
            UNION ALL
            SELECT e.prev FROM chain JOIN events e ON e.rowid = chain.event_rowid WHERE e.session_id = $session_id)
        """;

    /// <summary>
    /// A session's events in sequence order. Rowids grow with arrival, and the writer numbers a session's events in the
    /// order they arrive, so rowid order is sequence order; SQLite reads the chain's rowids in order and sorts nothing.
    /// </summary>
    public const string SelectEvents =
        EventChain +
        """

        SELECT seq, event_type, ts, playhead, body, received_at
        FROM events WHERE rowid IN (SELECT event_rowid FROM chain) AND session_id = $session_id
        ORDER BY rowid
        """;

    /// <summary>Claims a closed session for its one processing; no row when it was processed before or is still open.</summary>
    public const string MarkProcessed =
        """
        UPDATE sessions SET processed_at = $processed_at
        WHERE session_id = $session_id AND processed_at IS NULL AND closed_at IS NOT NULL
        RETURNING 1
        """;

    public const string InsertReport =
        """
        INSERT INTO session_reports (session_id, processed_at, report, calls)
        VALUES ($session_id, $processed_at, $report, $calls)
        """;

    /// <summary>Room for a large report and calls, written afterwards with incremental blob I/O into the row it returns.</summary>
    public const string InsertReportSpace =
        """
        INSERT INTO session_reports (session_id, processed_at, report, calls)
        VALUES ($session_id, $processed_at, zeroblob($report_length), zeroblob($calls_length))
        RETURNING rowid
        """;

    public const string SelectUnprocessed =
        """
        SELECT session_id FROM sessions
        WHERE processed_at IS NULL AND closed_at IS NOT NULL
        ORDER BY closed_at
        LIMIT $limit
        """;

    /// <summary>Links a session to one identifier digest of its sessionStart.</summary>
    public const string InsertSessionVisitor =
        "INSERT OR IGNORE INTO session_visitors (visitor_key, session_id) VALUES ($visitor_key, $session_id)";

    public const string SelectReport = "SELECT report, calls, processed_at FROM session_reports WHERE session_id = $session_id";
}
