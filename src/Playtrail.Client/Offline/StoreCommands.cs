using Microsoft.Data.Sqlite;

namespace Playtrail.Client.Offline;

/// <summary>
/// The hot-path statements (their text is in <see cref="StoreSql"/>), prepared once on the store's single connection
/// and re-bound per call, so an append costs two bound executions and a commit.
/// </summary>
internal sealed class StoreCommands : IDisposable
{
    private readonly SqliteCommand _insertSession;
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _updateAfterAppend;
    private readonly SqliteCommand _addCounter;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;

    public StoreCommands(SqliteConnection connection)
    {
        _insertSession = Create(
            connection,
            StoreSql.InsertSession,
            "$key", "$now", "$bytes", "$ts", "$playhead");
        _insertEvent = Create(
            connection,
            StoreSql.InsertEvent,
            "$session", "$seq", "$ts", "$playhead", "$type", "$body");
        _updateAfterAppend = Create(
            connection,
            StoreSql.UpdateAfterAppend,
            "$session", "$seq", "$bytes", "$ts", "$playhead");
        _addCounter = Create(
            connection,
            StoreSql.AddCounter,
            "$name", "$delta");

        // SqliteConnection.BeginTransaction prepares BEGIN and COMMIT afresh each time; on the per-event path that
        // is most of the cost, so the append keeps its own prepared pair.
        _begin = Create(connection, StoreSql.BeginImmediate);
        _commit = Create(connection, StoreSql.Commit);
    }

    /// <summary>Starts a write transaction without a SqliteTransaction object; commands then run with a null Transaction.</summary>
    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    public long InsertSession(SqliteTransaction? transaction, string key, long now, long bytes, long ts, double playhead)
    {
        _insertSession.Transaction = transaction;
        var parameters = _insertSession.Parameters;
        parameters[0].Value = key;
        parameters[1].Value = now;
        parameters[2].Value = bytes;
        parameters[3].Value = ts;
        parameters[4].Value = playhead;
        return (long)_insertSession.ExecuteScalar()!;
    }

    public void InsertEvent(SqliteTransaction? transaction, long session, long seq, long ts, double playhead, string eventType, byte[] body)
    {
        _insertEvent.Transaction = transaction;
        var parameters = _insertEvent.Parameters;
        parameters[0].Value = session;
        parameters[1].Value = seq;
        parameters[2].Value = ts;
        parameters[3].Value = playhead;
        parameters[4].Value = eventType;
        parameters[5].Value = body;
        _insertEvent.ExecuteNonQuery();
    }

    public void UpdateAfterAppend(SqliteTransaction? transaction, long session, long seq, long bytes, long ts, double playhead)
    {
        _updateAfterAppend.Transaction = transaction;
        var parameters = _updateAfterAppend.Parameters;
        parameters[0].Value = session;
        parameters[1].Value = seq;
        parameters[2].Value = bytes;
        parameters[3].Value = ts;
        parameters[4].Value = playhead;
        _updateAfterAppend.ExecuteNonQuery();
    }

    public void AddCounter(SqliteTransaction? transaction, string name, long delta)
    {
        if (delta == 0)
        {
            return;
        }

        _addCounter.Transaction = transaction;
        _addCounter.Parameters[0].Value = name;
        _addCounter.Parameters[1].Value = delta;
        _addCounter.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insertSession.Dispose();
        _insertEvent.Dispose();
        _updateAfterAppend.Dispose();
        _addCounter.Dispose();
        _begin.Dispose();
        _commit.Dispose();
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        return command;
    }
}
