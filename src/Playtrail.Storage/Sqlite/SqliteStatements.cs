namespace Playtrail.Storage.Sqlite;

/// <summary>Every SQL statement the store runs after migration. Values are always bound as parameters.</summary>
internal static class SqliteStatements
{
    /// <summary>
    /// Records one event on an open session and returns its sequence number (the old event count); returns no
    /// row when the session is unknown or closed. SET expressions read the row as it was before the update.
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
            status = coalesce($status, status),
            close_reason = coalesce($close_reason, close_reason),
            closed_at = coalesce($closed_at, closed_at)
        WHERE session_id = $session_id AND status = 'active'
        RETURNING event_count - 1
        """;

    public const string SelectStatus = "SELECT status FROM sessions WHERE session_id = $session_id";

    public const string InsertEvent =
        """
        INSERT INTO events (session_id, seq, ts, playhead, event_type, received_at, body)
        VALUES ($session_id, $seq, $ts, $playhead, $event_type, $received_at, $body)
        """;

    /// <summary>A new session; its liveness clocks start at its arrival.</summary>
    public const string InsertSession =
        """
        INSERT INTO sessions (
            session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
            first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at,
            closed_at, idempotency_key, body_sha256)
        VALUES (
            $session_id, $downloaded, $status, $close_reason, $media_id, $media_name, $content_type, $media_length, $resume,
            $first_ts, $last_ts, $event_count, $received_at, $received_at, $last_playhead, $received_at,
            $closed_at, $idempotency_key, $body_sha256)
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
        """
        UPDATE sessions SET status = 'timedOut', close_reason = 'idle', closed_at = $closed_at
        WHERE status = 'active' AND last_event_at < $before
        RETURNING session_id
        """;

    public const string CloseStalledSessions =
        """
        UPDATE sessions SET status = 'timedOut', close_reason = 'stall', closed_at = $closed_at
        WHERE status = 'active' AND playhead_changed_at < $before
        RETURNING session_id
        """;

    public const string SelectSession =
        """
        SELECT session_id, status, downloaded, media_id, media_name, content_type, media_length, resume,
               first_ts, last_ts, event_count, received_at, last_event_at, closed_at, close_reason
        FROM sessions WHERE session_id = $session_id
        """;

    public const string SelectEvents =
        """
        SELECT seq, event_type, ts, playhead, body, received_at
        FROM events WHERE session_id = $session_id ORDER BY seq
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
        INSERT INTO session_reports (session_id, report, calls, processed_at)
        VALUES ($session_id, $report, $calls, $processed_at)
        """;

    /// <summary>The additive measures of a rollup row, as every rollup upsert adds one session's contribution to them.</summary>
    private const string RollupIncrements =
        """
        sessions = sessions + 1,
        content_starts = content_starts + excluded.content_starts,
        completes = completes + excluded.completes,
        time_played = time_played + excluded.time_played,
        total_time_played = total_time_played + excluded.total_time_played,
        average_minute_audience = average_minute_audience + excluded.average_minute_audience,
        ad_starts = ad_starts + excluded.ad_starts,
        buffer_time = buffer_time + excluded.buffer_time,
        error_count = error_count + excluded.error_count
        """;

    public const string AddToRollup =
        $$"""
        INSERT INTO rollups (day, media_id, content_type, downloaded, sessions, content_starts, completes, time_played,
            total_time_played, average_minute_audience, ad_starts, buffer_time, error_count)
        VALUES ($day, $media_id, $content_type, $downloaded, 1, $content_starts, $completes, $time_played,
            $total_time_played, $average_minute_audience, $ad_starts, $buffer_time, $error_count)
        ON CONFLICT (day, media_id, content_type, downloaded) DO UPDATE SET
            {{RollupIncrements}}
        """;

    public const string AddToTotals =
        $$"""
        INSERT INTO rollup_totals (day, content_type, downloaded, sessions, content_starts, completes, time_played,
            total_time_played, average_minute_audience, ad_starts, buffer_time, error_count)
        VALUES ($day, $content_type, $downloaded, 1, $content_starts, $completes, $time_played,
            $total_time_played, $average_minute_audience, $ad_starts, $buffer_time, $error_count)
        ON CONFLICT (day, content_type, downloaded) DO UPDATE SET
            {{RollupIncrements}}
        """;

    /// <summary>
    /// Adds a session to its month's row; <c>$bucket</c> is its lateness bucket (null for an online session), counted
    /// in the row's JSON histogram.
    /// </summary>
    public const string AddToRollupMonth =
        $$"""
        INSERT INTO rollup_months (month, media_id, content_type, downloaded, sessions, content_starts, completes, time_played,
            total_time_played, average_minute_audience, ad_starts, buffer_time, error_count, lateness)
        VALUES ($month, $media_id, $content_type, $downloaded, 1, $content_starts, $completes, $time_played,
            $total_time_played, $average_minute_audience, $ad_starts, $buffer_time, $error_count,
            CASE WHEN $bucket IS NULL THEN NULL ELSE json_object(CAST($bucket AS TEXT), 1) END)
        ON CONFLICT (month, media_id, content_type, downloaded) DO UPDATE SET
            {{RollupIncrements}},
            lateness = CASE WHEN $bucket IS NULL THEN lateness
                ELSE json_set(coalesce(lateness, '{}'), '$."' || $bucket || '"',
                    coalesce(json_extract(lateness, '$."' || $bucket || '"'), 0) + 1) END
        """;

    public const string AddToLatenessTotals =
        """
        INSERT INTO rollup_lateness_totals (day, content_type, bucket, sessions)
        VALUES ($day, $content_type, $bucket, 1)
        ON CONFLICT (day, content_type, bucket) DO UPDATE SET sessions = sessions + 1
        """;

    public const string AddToLateness =
        """
        INSERT INTO rollup_lateness (day, media_id, content_type, bucket, sessions)
        VALUES ($day, $media_id, $content_type, $bucket, 1)
        ON CONFLICT (day, media_id, content_type, bucket) DO UPDATE SET sessions = sessions + 1
        """;

    public const string SelectUnprocessed =
        """
        SELECT session_id FROM sessions
        WHERE processed_at IS NULL AND closed_at IS NOT NULL
        ORDER BY closed_at
        LIMIT $limit
        """;

    public const string SelectReport = "SELECT report, calls, processed_at FROM session_reports WHERE session_id = $session_id";

    /// <summary>By content, whole months: one row per month, content, type and kind, summed by the caller.</summary>
    public const string MonthsByMedia =
        """
        SELECT media_id, downloaded, sessions, content_starts, completes, time_played, total_time_played,
            average_minute_audience, ad_starts, buffer_time, error_count, lateness
        FROM rollup_months WHERE month BETWEEN $month_from AND $month_to
        """;

    /// <summary>By content, the days before and after the whole months, in the same shape as <see cref="MonthsByMedia"/>.</summary>
    public const string EdgeDaysByMedia =
        """
        SELECT media_id, downloaded, sessions, content_starts, completes, time_played, total_time_played,
            average_minute_audience, ad_starts, buffer_time, error_count, NULL
        FROM rollups WHERE day BETWEEN $head_from AND $head_to OR day BETWEEN $tail_from AND $tail_to
        """;

    /// <summary>The lateness of those days, one row per day, content and bucket, summed by the caller.</summary>
    public const string EdgeDaysLatenessByMedia =
        """
        SELECT media_id, bucket, sessions FROM rollup_lateness
        WHERE day BETWEEN $head_from AND $head_to OR day BETWEEN $tail_from AND $tail_to
        """;

    /// <summary>The summary's measures; the grouping column and its GROUP BY are chosen from a fixed list, never from input.</summary>
    public const string SummaryMeasures =
        """
        sum(sessions), sum(CASE WHEN downloaded THEN sessions ELSE 0 END), sum(content_starts), sum(completes),
        sum(time_played), sum(total_time_played), sum(average_minute_audience), sum(ad_starts), sum(buffer_time),
        sum(error_count)
        """;
}
