using Microsoft.Data.Sqlite;
using Playtrail.Core.Events;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>The store's reads, run on short-lived pooled connections beside the writer (WAL lets them overlap).</summary>
internal static class SqliteSessionQueries
{
    public static async Task<SessionRow?> GetSessionAsync(SqliteConnection connection, string sessionId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.SelectSession;
        command.Parameters.AddWithValue("$session_id", sessionId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SessionRows.Read(reader) : null;
    }

    public static async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(SqliteConnection connection, string sessionId, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteStatements.SelectEvents;
        command.Parameters.AddWithValue("$session_id", sessionId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(
                Sequence: reader.GetInt32(0),
                Type: (EventType)reader.GetInt32(1),
                Ts: reader.GetInt64(2),
                Playhead: reader.GetDouble(3),
                Json: reader.GetFieldValue<byte[]>(4),
                ReceivedAt: FromUnixMilliseconds(reader.GetInt64(5))));
        }

        return events;
    }

    public static async Task<bool> PingAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM schema_version LIMIT 1";
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is 1L;
    }

    private static DateTimeOffset FromUnixMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
