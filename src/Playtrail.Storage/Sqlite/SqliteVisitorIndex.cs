using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Playtrail.Storage.Privacy;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The schema step that lets a visitor's sessions be found without reading events: <c>session_visitors</c> holds one
/// row per (identifier digest, session), written with the session from now on, and filled here for the sessions stored
/// before it from their stored <c>sessionStart</c> (event 0), in the migration's transaction. A session whose raw events
/// were already deleted by the retention has no sessionStart left to read and gets no row.
/// </summary>
internal static class SqliteVisitorIndex
{
    private const int PageSize = 1_000;

    /// <summary>
    /// The table and its two ways in: by visitor (the primary key) for a deletion, by session for removing a session's rows
    /// (and for the foreign key's cascade, which would otherwise scan the table per deleted session).
    /// </summary>
    public const string Sql =
        """
        CREATE TABLE session_visitors (
            visitor_key BLOB NOT NULL,
            session_id  TEXT NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
            PRIMARY KEY (visitor_key, session_id)
        ) WITHOUT ROWID;
        CREATE INDEX ix_session_visitors_session ON session_visitors (session_id);
        """;

    public static void Fill(SqliteConnection connection, SqliteTransaction transaction, ILogger logger)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText =
            $"""
            SELECT s.session_id, e.body FROM sessions s
            JOIN events e ON e.session_id = s.session_id AND e.seq = 0
            WHERE s.session_id > $after ORDER BY s.session_id LIMIT {PageSize}
            """;
        var after = select.Parameters.AddWithValue("$after", "");
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = SqliteStatements.InsertSessionVisitor;
        var key = insert.Parameters.Add("$visitor_key", SqliteType.Blob);
        var sessionId = insert.Parameters.Add("$session_id", SqliteType.Text);
        var sessions = 0;
        while (true)
        {
            // A page is read whole before it is written: the inserts never run beside an open read.
            var page = new List<(string SessionId, byte[][] Keys)>(PageSize);
            using (var reader = select.ExecuteReader())
            {
                while (reader.Read())
                {
                    page.Add((reader.GetString(0), VisitorKeys.FromSessionStart(reader.GetFieldValue<byte[]>(1))));
                }
            }

            foreach (var (id, keys) in page)
            {
                foreach (var visitorKey in keys)
                {
                    key.Value = visitorKey;
                    sessionId.Value = id;
                    insert.ExecuteNonQuery();
                }
            }

            sessions += page.Count;
            if (page.Count < PageSize)
            {
                break;
            }

            after.Value = page[^1].SessionId;
        }

        logger.VisitorIndexFilled(sessions);
    }
}
