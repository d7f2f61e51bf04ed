using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Playtrail.Storage.Privacy;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// The schema step that lets a visitor's sessions be found without reading events: <c>session_visitors</c> holds one
/// row per (identifier digest, session), written with the session from now on, and filled here for the sessions stored
/// before it from their stored <c>sessionStart</c> (event 0), in the migration's transaction. A session whose raw events
/// were already dropped by the retention has no sessionStart left to read and gets no row.
/// </summary>
internal static class PostgresVisitorIndex
{
    private const int PageSize = 1_000;

    /// <summary>The table, keyed by visitor for a deletion, with an index by session for removing a session's rows.</summary>
    public const string Sql =
        """
        CREATE TABLE session_visitors (
            visitor_key bytea NOT NULL,
            session_id  text  NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
            PRIMARY KEY (visitor_key, session_id)
        );
        CREATE INDEX ix_session_visitors_session ON session_visitors (session_id);
        """;

    /// <summary>Links sessions to their identifier digests, from parallel arrays.</summary>
    private const string InsertLinks =
        """
        INSERT INTO session_visitors (visitor_key, session_id)
        SELECT v.visitor_key, v.session_id FROM unnest(@visitor_keys, @session_ids) AS v (visitor_key, session_id)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>One statement linking every (session, digest) pair; null when no session names a visitor.</summary>
    public static NpgsqlBatchCommand? LinkCommand(IEnumerable<(string SessionId, byte[][] VisitorKeys)> sessions)
    {
        var keys = new List<byte[]>();
        var sessionIds = new List<string>();
        foreach (var (sessionId, visitorKeys) in sessions)
        {
            foreach (var key in visitorKeys)
            {
                keys.Add(key);
                sessionIds.Add(sessionId);
            }
        }

        if (keys.Count == 0)
        {
            return null;
        }

        var command = new NpgsqlBatchCommand(InsertLinks);
        command.Parameters.AddArray("visitor_keys", NpgsqlDbType.Bytea, keys);
        command.Parameters.AddArray("session_ids", NpgsqlDbType.Text, sessionIds);
        return command;
    }

    public static async Task FillAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ILogger logger, CancellationToken cancellationToken)
    {
        // Event 0 arrived with its session (the same received_at), which names the one partition to look in.
        var select =
            $"""
            SELECT s.session_id, e.body FROM sessions s
            JOIN events e ON e.session_id = s.session_id AND e.seq = 0 AND e.received_at = s.received_at
            WHERE s.session_id > @after ORDER BY s.session_id LIMIT {PageSize}
            """;
        var after = "";
        var sessions = 0;
        while (true)
        {
            var page = new List<(string SessionId, byte[][] VisitorKeys)>(PageSize);
            await using (var command = new NpgsqlCommand(select, connection, transaction))
            {
                command.Parameters.AddText("after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add((reader.GetString(0), VisitorKeys.FromSessionStart(reader.GetFieldValue<byte[]>(1))));
                }
            }

            if (LinkCommand(page) is { } links)
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                batch.BatchCommands.Add(links);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            sessions += page.Count;
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].SessionId;
        }

        logger.VisitorIndexFilled(sessions);
    }
}
