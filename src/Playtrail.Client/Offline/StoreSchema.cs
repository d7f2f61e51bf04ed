using Microsoft.Data.Sqlite;

namespace Playtrail.Client.Offline;

/// <summary>Creates the device store's tables and sets the connection's pragmas.</summary>
internal static class StoreSchema
{
    private const int Version = 1;

    private const string CreateTables =
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

    /// <summary>
    /// WAL so a reader (the uploader) never blocks the tracker's writes; <c>synchronous</c> from the durability option;
    /// AUTOINCREMENT ids so a deleted session's id is never reused and "oldest first" is simply "lowest id first".
    /// </summary>
    public static void Apply(SqliteConnection connection, StoreDurability durability)
    {
        Execute(connection, "PRAGMA journal_mode=WAL");
        Execute(connection, durability == StoreDurability.SurvivesPowerLoss ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
        Execute(connection, "PRAGMA busy_timeout=5000");
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = CreateTables;
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA user_version=" + Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
