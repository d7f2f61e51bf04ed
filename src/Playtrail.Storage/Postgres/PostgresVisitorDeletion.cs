using Npgsql;
using NpgsqlTypes;
using Playtrail.Storage.Privacy;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// One bounded step of a visitor's deletion in its own transaction (docs/decisions/0020-visitor-deletion.md). The
/// sessions' rows are locked first, in id order like every other writer's, so an append or a processing transaction on
/// the same session waits and then finds the session gone (an append answers not found, processing stores nothing).
/// </summary>
internal static class PostgresVisitorDeletion
{
    private const string LockSessions =
        """
        SELECT session_id FROM sessions
        WHERE session_id IN (SELECT session_id FROM session_visitors WHERE visitor_key = @visitor_key ORDER BY session_id LIMIT @limit)
        ORDER BY session_id
        FOR UPDATE
        """;

    /// <summary>
    /// Up to <c>@limit</c> raw events of the locked sessions. Events have no foreign key to their session (they are
    /// partitioned by arrival), so they are always deleted explicitly.
    /// </summary>
    private const string DeleteEvents =
        """
        WITH doomed AS (
            SELECT session_id, seq, received_at FROM events WHERE session_id = ANY(@session_ids) LIMIT @limit)
        DELETE FROM events e USING doomed d
        WHERE e.session_id = d.session_id AND e.seq = d.seq AND e.received_at = d.received_at
        """;

    private const string ClaimSessions =
        "UPDATE sessions SET processed_at = @now WHERE session_id = ANY(@session_ids) AND processed_at IS NULL";

    private static readonly string[] DeleteRows =
    [
        "DELETE FROM session_reports WHERE session_id = ANY(@session_ids)",
        "DELETE FROM session_facts WHERE session_id = ANY(@session_ids)",
        "DELETE FROM session_visitors WHERE session_id = ANY(@session_ids)",
        "DELETE FROM sessions WHERE session_id = ANY(@session_ids)",
    ];

    public static async Task<VisitorDeletionBatch> DeleteBatchAsync(
        NpgsqlConnection connection, byte[] visitorKey, VisitorDeletionLimits limits, long now, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var sessionIds = new List<string>(limits.MaxSessions);
        await using (var lockCommand = new NpgsqlCommand(LockSessions, connection, transaction))
        {
            lockCommand.Parameters.AddTyped("visitor_key", NpgsqlDbType.Bytea, visitorKey);
            lockCommand.Parameters.AddInteger("limit", limits.MaxSessions);
            await using var reader = await lockCommand.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sessionIds.Add(reader.GetString(0));
            }
        }

        if (sessionIds.Count == 0)
        {
            return new VisitorDeletionBatch(Found: false, 0, 0);
        }

        long events;
        await using (var deleteEvents = new NpgsqlCommand(DeleteEvents, connection, transaction))
        {
            deleteEvents.Parameters.AddArray("session_ids", NpgsqlDbType.Text, sessionIds);
            deleteEvents.Parameters.AddInteger("limit", limits.MaxEvents);
            events = await deleteEvents.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var sessions = 0;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            if (events >= limits.MaxEvents)
            {
                // Events may remain: the sessions keep their rows until the next step, claimed so that no node's processor
                // can turn what is left of them into a report or rollup increment meanwhile.
                var claim = new NpgsqlBatchCommand(ClaimSessions);
                claim.Parameters.AddBigint("now", now);
                claim.Parameters.AddArray("session_ids", NpgsqlDbType.Text, sessionIds);
                batch.BatchCommands.Add(claim);
            }
            else
            {
                foreach (var sql in DeleteRows)
                {
                    var delete = new NpgsqlBatchCommand(sql);
                    delete.Parameters.AddArray("session_ids", NpgsqlDbType.Text, sessionIds);
                    batch.BatchCommands.Add(delete);
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (events < limits.MaxEvents)
            {
                sessions = batch.BatchCommands[^1].RecordsAffected;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new VisitorDeletionBatch(Found: true, sessions, events);
    }
}
