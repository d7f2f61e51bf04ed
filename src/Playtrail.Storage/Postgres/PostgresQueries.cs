using Npgsql;
using Playtrail.Core.Events;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Postgres;

/// <summary>The store's reads of sessions, events and reports, each on a pooled connection of its own.</summary>
internal static class PostgresQueries
{
    public static async Task<SessionRow?> GetSessionAsync(NpgsqlConnection connection, string sessionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresStatements.SelectSession, connection);
        command.Parameters.AddText("session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SessionRows.Read(reader) : null;
    }

    public static async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(NpgsqlConnection connection, string sessionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresStatements.SelectEvents, connection);
        command.Parameters.AddText("session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(
                Sequence: reader.GetInt32(0),
                Type: (EventType)reader.GetInt16(1),
                Ts: reader.GetInt64(2),
                Playhead: reader.GetDouble(3),
                Json: reader.GetFieldValue<byte[]>(4),
                ReceivedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5))));
        }

        return events;
    }

    public static async Task<StoredReport?> GetReportAsync(NpgsqlConnection connection, string sessionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresStatements.SelectReport, connection);
        command.Parameters.AddText("session_id", sessionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredReport(reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    public static async Task<IReadOnlyList<string>> GetUnprocessedAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgresStatements.SelectUnprocessed, connection);
        command.Parameters.AddInteger("limit", limit);
        return await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes idle, then stalled sessions in one round trip and transaction; returns the ids this caller closed.</summary>
    public static async Task<IReadOnlyList<string>> CloseTimedOutAsync(
        NpgsqlConnection connection, long idleBefore, long stallBefore, long now, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        // Idle runs first so that a session both idle and stalled is reported as idle, the stronger signal.
        foreach (var (sql, before) in new[] { (PostgresStatements.CloseIdleSessions, idleBefore), (PostgresStatements.CloseStalledSessions, stallBefore) })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.AddBigint("before", before);
            command.Parameters.AddBigint("closed_at", now);
            batch.BatchCommands.Add(command);
        }

        var closed = new List<string>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                closed.Add(reader.GetString(0));
            }
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return closed;
    }

    public static async Task<bool> PingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT 1 FROM schema_version LIMIT 1", connection);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1;
    }

    private static async Task<IReadOnlyList<string>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
