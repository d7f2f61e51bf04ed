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
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var start = new SessionStartSummary(
            MediaId: reader.GetString(3),
            MediaName: reader.IsDBNull(4) ? null : reader.GetString(4),
            ContentType: reader.GetString(5),
            Length: reader.GetDouble(6),
            Resume: reader.GetBoolean(7));
        return new SessionRow(
            SessionId: reader.GetString(0),
            Status: SessionStatusText.Parse(reader.GetString(1)),
            Downloaded: reader.GetBoolean(2),
            Start: start,
            FirstEventTs: reader.GetInt64(8),
            LastEventTs: reader.GetInt64(9),
            EventCount: reader.GetInt32(10),
            ReceivedAt: FromUnixMilliseconds(reader.GetInt64(11)),
            LastEventAt: FromUnixMilliseconds(reader.GetInt64(12)),
            ClosedAt: reader.IsDBNull(13) ? null : FromUnixMilliseconds(reader.GetInt64(13)),
            CloseReason: reader.IsDBNull(14) ? null : reader.GetString(14));
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
