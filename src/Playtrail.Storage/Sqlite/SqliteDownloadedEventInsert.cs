using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sessions;
using SQLitePCL;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// Inserts the events of a downloaded upload through one prepared statement driven with SQLite's own calls, binding
/// each event's JSON straight from the request body. <see cref="SqliteCommand"/> binds only whole arrays, so each event
/// would first be copied into its own array, and it allocates binders, boxes and a data reader for every row: together
/// several times the upload's size in garbage (docs/benchmarks.md, "Memory of one maximal upload"). Here an event costs
/// no managed allocation at all.
/// </summary>
internal sealed class SqliteDownloadedEventInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly int _sessionId;
    private readonly int _sequence;
    private readonly int _ts;
    private readonly int _playhead;
    private readonly int _eventType;
    private readonly int _receivedAt;
    private readonly int _previous;
    private readonly int _body;

    public SqliteDownloadedEventInsert(SqliteConnection connection)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, SqliteStatements.InsertEvent, out _statement));
        _sessionId = Parameter("$session_id");
        _sequence = Parameter("$seq");
        _ts = Parameter("$ts");
        _playhead = Parameter("$playhead");
        _eventType = Parameter("$event_type");
        _receivedAt = Parameter("$received_at");
        _previous = Parameter("$prev");
        _body = Parameter("$body");
    }

    /// <summary>
    /// Inserts <paramref name="events"/> as the session's events 0, 1, 2, ... inside the open transaction, each linked to
    /// the one inserted before it; afterwards the connection's last inserted rowid is the last event's.
    /// </summary>
    public void Insert(string sessionId, IReadOnlyList<EventRecord> events, long receivedAt)
    {
        try
        {
            // A binding stays until it is replaced, so what all rows share is bound once.
            Check(raw.sqlite3_bind_text(_statement, _sessionId, sessionId));
            Check(raw.sqlite3_bind_int64(_statement, _receivedAt, receivedAt));
            Check(raw.sqlite3_bind_null(_statement, _previous));
            for (var i = 0; i < events.Count; i++)
            {
                var record = events[i];
                if (i > 0)
                {
                    Check(raw.sqlite3_bind_int64(_statement, _previous, raw.sqlite3_last_insert_rowid(_connection.Handle)));
                }

                Check(raw.sqlite3_bind_int64(_statement, _sequence, i));
                Check(raw.sqlite3_bind_int64(_statement, _ts, record.Ts));
                Check(raw.sqlite3_bind_double(_statement, _playhead, record.Playhead));
                Check(raw.sqlite3_bind_int(_statement, _eventType, (int)record.Type));
                Check(raw.sqlite3_bind_blob(_statement, _body, record.Json.Span));
                var step = raw.sqlite3_step(_statement);
                if (step != raw.SQLITE_DONE)
                {
                    // The step's error is read before the reset, which would return it again but may also change it.
                    Check(step);
                }

                Check(raw.sqlite3_reset(_statement));
            }
        }
        finally
        {
            // The last event's copy of its JSON is SQLite's until the next bind; let it go now.
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new InvalidOperationException($"The event insert has no parameter {name}.");
    }

    /// <summary>Raises SQLite's error as <see cref="SqliteException"/>, as the rest of the store sees errors (a full disk included).</summary>
    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(result, _connection.Handle);
        }
    }
}
