using Npgsql;
using NpgsqlTypes;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// Runs one batch of online writes in an open transaction, in at most three round trips whatever its size: lock the
/// sessions it appends to, write every new session, changed session and accepted event with one multi-row statement
/// each, and (the caller) commit. Each write's outcome is decided here in queue order from the locked rows, as if the writes
/// had run one after another: an append to an unknown id is <see cref="AppendOutcome.NotFound"/>, to a closed session
/// (closed before, or by an earlier write of the same batch) <see cref="AppendOutcome.Gone"/>, and sequence numbers
/// go on from the locked <c>event_count</c> without a gap.
/// </summary>
internal static class PostgresOnlineBatch
{
    public static async Task RunAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PostgresOnlineWrite> writes,
        CancellationToken cancellationToken)
    {
        var sessions = await LockAsync(connection, transaction, writes, cancellationToken).ConfigureAwait(false);
        var events = new List<(PostgresOnlineWrite Write, int Sequence)>(writes.Count);
        foreach (var write in writes)
        {
            if (write.Start is not null)
            {
                // Two starts of one id are a caller's bug; failing the batch sends each write alone, and the database's
                // unique key then fails the second one only.
                if (!sessions.TryAdd(write.SessionId, PostgresBatchSession.Created(write)))
                {
                    throw new InvalidOperationException("A session id was started twice.");
                }

                write.Outcome = AppendOutcome.Accepted;
                events.Add((write, 0));
            }
            else if (!sessions.TryGetValue(write.SessionId, out var session))
            {
                write.Outcome = AppendOutcome.NotFound;
            }
            else if (!session.IsActive)
            {
                write.Outcome = AppendOutcome.Gone;
            }
            else
            {
                write.Outcome = AppendOutcome.Accepted;
                events.Add((write, session.Append(write)));
            }
        }

        if (events.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        var created = sessions.Values.Where(session => session.Start is not null).ToList();
        if (created.Count > 0)
        {
            batch.BatchCommands.Add(InsertSessions(created));
        }

        if (PostgresVisitorIndex.LinkCommand(writes.Where(write => write.Start is not null).Select(write => (write.SessionId, write.VisitorKeys))) is { } links)
        {
            // After the sessions it references, so the foreign key finds them.
            batch.BatchCommands.Add(links);
        }

        var changed = sessions.Values.Where(session => session.Start is null && session.Changed).ToList();
        if (changed.Count > 0)
        {
            batch.BatchCommands.Add(UpdateSessions(changed));
        }

        batch.BatchCommands.Add(InsertEvents(events));
        // Prepared once per connection and then only bound: the same few statements run for every batch.
        await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<string, PostgresBatchSession>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<PostgresOnlineWrite> writes, CancellationToken cancellationToken)
    {
        var sessions = new Dictionary<string, PostgresBatchSession>(StringComparer.Ordinal);
        var appendedTo = writes.Where(write => write.Start is null).Select(write => write.SessionId).Distinct(StringComparer.Ordinal).ToArray();
        if (appendedTo.Length == 0)
        {
            return sessions;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(PostgresStatements.IndexPlansForThisTransaction));
        var lockSessions = new NpgsqlBatchCommand(PostgresStatements.LockSessions);
        lockSessions.Parameters.AddTyped("session_ids", NpgsqlDbType.Array | NpgsqlDbType.Text, appendedTo);
        batch.BatchCommands.Add(lockSessions);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var session = PostgresBatchSession.Locked(
                reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetDouble(6), reader.GetInt64(7));
            sessions.Add(session.SessionId, session);
        }

        return sessions;
    }

    private static NpgsqlBatchCommand InsertSessions(List<PostgresBatchSession> created)
    {
        var command = new NpgsqlBatchCommand(PostgresStatements.InsertSessions);
        var parameters = command.Parameters;
        AddState(parameters, created);
        var starts = created.ConvertAll(session => session.Start!);
        parameters.AddArray("downloaded", NpgsqlDbType.Boolean, starts.ConvertAll(start => start.Downloaded));
        parameters.AddArray("media_ids", NpgsqlDbType.Text, starts.ConvertAll(start => start.Start.MediaId));
        parameters.AddArray("media_names", NpgsqlDbType.Text, starts.ConvertAll(start => start.Start.MediaName));
        parameters.AddArray("content_types", NpgsqlDbType.Text, starts.ConvertAll(start => start.Start.ContentType));
        parameters.AddArray("media_lengths", NpgsqlDbType.Double, starts.ConvertAll(start => start.Start.Length));
        parameters.AddArray("resumes", NpgsqlDbType.Boolean, starts.ConvertAll(start => start.Start.Resume));
        parameters.AddArray("received_ats", NpgsqlDbType.Bigint, starts.ConvertAll(start => start.ReceivedAt.ToUnixTimeMilliseconds()));
        return command;
    }

    private static NpgsqlBatchCommand UpdateSessions(List<PostgresBatchSession> changed)
    {
        var command = new NpgsqlBatchCommand(PostgresStatements.UpdateSessions);
        AddState(command.Parameters, changed);
        return command;
    }

    /// <summary>The columns a batch works out for every session it writes, new or locked.</summary>
    private static void AddState(NpgsqlParameterCollection parameters, List<PostgresBatchSession> sessions)
    {
        parameters.AddArray("session_ids", NpgsqlDbType.Text, sessions.ConvertAll(session => session.SessionId));
        parameters.AddArray("statuses", NpgsqlDbType.Text, sessions.ConvertAll(session => session.Status));
        parameters.AddArray("close_reasons", NpgsqlDbType.Text, sessions.ConvertAll(session => session.CloseReason));
        parameters.AddArray("closed_ats", NpgsqlDbType.Bigint, sessions.ConvertAll(session => session.ClosedAt));
        parameters.AddArray("first_tss", NpgsqlDbType.Bigint, sessions.ConvertAll(session => session.FirstTs));
        parameters.AddArray("last_tss", NpgsqlDbType.Bigint, sessions.ConvertAll(session => session.LastTs));
        parameters.AddArray("event_counts", NpgsqlDbType.Integer, sessions.ConvertAll(session => session.EventCount));
        parameters.AddArray("last_event_ats", NpgsqlDbType.Bigint, sessions.ConvertAll(session => session.LastEventAt));
        parameters.AddArray("last_playheads", NpgsqlDbType.Double, sessions.ConvertAll(session => session.LastPlayhead));
        parameters.AddArray("playhead_changed_ats", NpgsqlDbType.Bigint, sessions.ConvertAll(session => session.PlayheadChangedAt));
    }

    private static NpgsqlBatchCommand InsertEvents(List<(PostgresOnlineWrite Write, int Sequence)> events)
    {
        var command = new NpgsqlBatchCommand(PostgresStatements.InsertBatchEvents);
        var parameters = command.Parameters;
        parameters.AddArray("session_ids", NpgsqlDbType.Text, events.ConvertAll(item => item.Write.SessionId));
        parameters.AddArray("seqs", NpgsqlDbType.Integer, events.ConvertAll(item => item.Sequence));
        parameters.AddArray("tss", NpgsqlDbType.Bigint, events.ConvertAll(item => item.Write.Record.Ts));
        parameters.AddArray("playheads", NpgsqlDbType.Double, events.ConvertAll(item => item.Write.Record.Playhead));
        parameters.AddArray("event_types", NpgsqlDbType.Smallint, events.ConvertAll(item => (short)item.Write.Record.Type));
        parameters.AddArray("received_ats", NpgsqlDbType.Bigint, events.ConvertAll(item => item.Write.ReceivedAt));
        parameters.AddArray("bodies", NpgsqlDbType.Bytea, events.ConvertAll(item => item.Write.Body));
        return command;
    }
}
