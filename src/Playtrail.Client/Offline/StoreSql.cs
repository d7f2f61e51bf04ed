namespace Playtrail.Client.Offline;

/// <summary>
/// Every statement the device store runs, in one place, next to the schema they assume. Values always go through
/// parameters (<c>$name</c>), never into the text. The only numbers written into the text are constants: the
/// <see cref="SessionState"/> values, and the schema version appended to <see cref="SetUserVersion"/> (SQLite cannot
/// bind a PRAGMA's value).
/// </summary>
internal static class StoreSql
{
    // The sessions.state values, written from SessionState so the numbers live only there. Declared before the
    // statements that use them: static fields initialise in order.
    private static readonly string Open = State(SessionState.Open);
    private static readonly string Ready = State(SessionState.Ready);
    private static readonly string Dead = State(SessionState.Dead);

    // Schema and connection set-up (StoreSchema).

    public const string CreateTables =
        """
        CREATE TABLE IF NOT EXISTS sessions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            idempotency_key TEXT NOT NULL,
            state INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            ended_at INTEGER,
            event_count INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            last_seq INTEGER NOT NULL,
            last_ts INTEGER NOT NULL,
            last_playhead REAL NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at INTEGER NOT NULL DEFAULT 0,
            last_status INTEGER,
            last_error TEXT
        );
        CREATE INDEX IF NOT EXISTS sessions_by_state ON sessions (state, id);
        CREATE TABLE IF NOT EXISTS events (
            session_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            ts INTEGER NOT NULL,
            playhead REAL NOT NULL,
            event_type TEXT NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (session_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS store_state (
            name TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL DEFAULT 0,
            text TEXT
        ) WITHOUT ROWID;
        """;

    public const string JournalModeWal = "PRAGMA journal_mode=WAL";
    public const string SynchronousFull = "PRAGMA synchronous=FULL";
    public const string SynchronousNormal = "PRAGMA synchronous=NORMAL";
    public const string BusyTimeout = "PRAGMA busy_timeout=5000";
    public const string SetUserVersion = "PRAGMA user_version=";

    // Transactions of the append path (StoreCommands prepares them once).

    public const string BeginImmediate = "BEGIN IMMEDIATE";
    public const string Commit = "COMMIT";
    public const string Rollback = "ROLLBACK";

    // Recording.

    public static readonly string InsertSession =
        $"""
        INSERT INTO sessions (idempotency_key, state, created_at, event_count, bytes, last_seq, last_ts, last_playhead)
        VALUES ($key, {Open}, $now, 1, $bytes, 1, $ts, $playhead) RETURNING id
        """;

    public const string InsertEvent =
        "INSERT INTO events (session_id, seq, ts, playhead, event_type, body) VALUES ($session, $seq, $ts, $playhead, $type, $body)";

    public const string UpdateAfterAppend =
        """
        UPDATE sessions SET event_count = event_count + 1, bytes = bytes + $bytes, last_seq = $seq, last_ts = $ts, last_playhead = $playhead
        WHERE id = $session
        """;

    public static readonly string LoadOpenSession =
        $"SELECT last_seq, event_count, bytes, last_ts, last_playhead FROM sessions WHERE id = $id AND state = {Open}";

    public static readonly string EndSession = $"UPDATE sessions SET state = {Ready}, ended_at = $now WHERE id = $id AND state = {Open}";

    // Recovery of sessions a crash or kill left open.

    public static readonly string SelectOrphans =
        $"""
        SELECT s.id, s.last_seq, s.last_ts, s.last_playhead,
               (SELECT e.event_type FROM events e WHERE e.session_id = s.id ORDER BY e.seq DESC LIMIT 1)
        FROM sessions s WHERE s.state = {Open} ORDER BY s.id
        """;

    public static readonly string CloseRecovered = $"UPDATE sessions SET state = {Ready}, ended_at = $now WHERE id = $id";

    // The upload queue and dead letters.

    public static readonly string NextDue =
        $"SELECT id, idempotency_key, attempts, event_count FROM sessions WHERE state = {Ready} AND next_attempt_at <= $now AND id > $after ORDER BY id LIMIT 1";

    public static readonly string NextAttemptAt = $"SELECT MIN(next_attempt_at) FROM sessions WHERE state = {Ready}";

    public const string SelectEventBodies = "SELECT body FROM events WHERE session_id = $id ORDER BY seq";

    public const string MarkRetry =
        "UPDATE sessions SET attempts = attempts + 1, next_attempt_at = $next, last_status = $status, last_error = $error WHERE id = $id";

    public static readonly string MarkDead =
        $"UPDATE sessions SET state = {Dead}, attempts = attempts + 1, last_status = $status, last_error = $error WHERE id = $id AND state = {Ready}";

    public static readonly string SelectDeadLetters =
        $"SELECT id, idempotency_key, created_at, event_count, COALESCE(last_status, 0), COALESCE(last_error, '') FROM sessions WHERE state = {Dead} ORDER BY id";

    public static readonly string RetryDeadLetter = $"UPDATE sessions SET state = {Ready}, attempts = 0, next_attempt_at = 0 WHERE id = $id AND state = {Dead}";

    public const string SelectState = "SELECT state FROM sessions WHERE id = $id";

    // Bounds and eviction.

    public const string SelectTotals = "SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM sessions";

    public const string SelectExpired = "SELECT id FROM sessions WHERE created_at < $cutoff ORDER BY id";

    /// <summary>Dead letters first, then oldest first.</summary>
    public static readonly string SelectOldestEvictable = $"SELECT id FROM sessions WHERE id <> $except ORDER BY state = {Dead} DESC, id LIMIT 1";

    public const string DeleteSession = "DELETE FROM sessions WHERE id = $id RETURNING event_count, bytes";

    public const string DeleteEvents = "DELETE FROM events WHERE session_id = $id";

    // Counters and the last error (store_state).

    public const string AddCounter =
        "INSERT INTO store_state (name, value) VALUES ($name, $delta) ON CONFLICT (name) DO UPDATE SET value = value + excluded.value";

    public const string SetLastError =
        "INSERT INTO store_state (name, value, text) VALUES ($name, $at, $text) ON CONFLICT (name) DO UPDATE SET value = excluded.value, text = excluded.text";

    public const string SelectStoreState = "SELECT name, value, text FROM store_state";

    public const string CountByState = "SELECT state, COUNT(*), MIN(created_at) FROM sessions GROUP BY state";

    private static string State(SessionState state) => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
