using System.Text;
using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sessions;
using SQLitePCL;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The writer's one prepared insert of events, for both ways in: an online event, and the events of a downloaded upload.
/// It is driven with SQLite's own calls (<see cref="SqliteRawStatement"/>), binding each event's JSON straight from the
/// request body. <see cref="SqliteCommand"/> binds only whole arrays, so each event would first be copied into its own
/// array, and it allocates binders, boxes and a data reader for every row: together several times the upload's size in
/// garbage (docs/benchmarks.md, "Memory of one maximal upload"). Here an event costs no managed allocation at all.
/// </summary>
internal sealed class SqliteEventInsert : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteRawStatement _statement;
    private readonly int _sessionId;
    private readonly int _sequence;
    private readonly int _ts;
    private readonly int _playhead;
    private readonly int _eventType;
    private readonly int _receivedAt;
    private readonly int _previous;
    private readonly int _body;

    public SqliteEventInsert(SqliteConnection connection)
    {
        _connection = connection;
        _statement = new SqliteRawStatement(connection, SqliteStatements.InsertEvent);
        _sessionId = _statement.Parameter("$session_id");
        _sequence = _statement.Parameter("$seq");
        _ts = _statement.Parameter("$ts");
        _playhead = _statement.Parameter("$playhead");
        _eventType = _statement.Parameter("$event_type");
        _receivedAt = _statement.Parameter("$received_at");
        _previous = _statement.Parameter("$prev");
        _body = _statement.Parameter("$body");
    }

    /// <summary>
    /// Inserts one event of <paramref name="sessionId"/> (UTF-8), linked to the rowid <paramref name="previous"/> (null
    /// for the session's first), inside the open transaction.
    /// </summary>
    public void Insert(ReadOnlySpan<byte> sessionId, long sequence, long? previous, EventRecord record, ReadOnlySpan<byte> body, long receivedAt)
    {
        try
        {
            _statement.BindText(_sessionId, sessionId);
            _statement.Bind(_receivedAt, receivedAt);
            _statement.Bind(_previous, previous);
            BindEvent(sequence, record, body);
            _statement.Step();
        }
        finally
        {
            _statement.Reset();
        }
    }

    /// <summary>
    /// Inserts <paramref name="events"/> as the session's events 0, 1, 2, ... inside the open transaction, each linked to
    /// the one inserted before it; afterwards the connection's last inserted rowid is the last event's.
    /// </summary>
    public void InsertAll(string sessionId, IReadOnlyList<EventRecord> events, long receivedAt)
    {
        try
        {
            // A binding stays until it is replaced, so what all rows share is bound once.
            _statement.BindText(_sessionId, Encoding.UTF8.GetBytes(sessionId));
            _statement.Bind(_receivedAt, receivedAt);
            _statement.Bind(_previous, null);
            for (var i = 0; i < events.Count; i++)
            {
                if (i > 0)
                {
                    _statement.Bind(_previous, raw.sqlite3_last_insert_rowid(_connection.Handle));
                }

                BindEvent(i, events[i], events[i].Json.Span);
                _statement.Step();
                _statement.Rewind();
            }
        }
        finally
        {
            // The last event's copy of its JSON is SQLite's until the bindings are cleared; let it go now.
            _statement.Reset();
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Binds what differs from one event of a session to the next.</summary>
    private void BindEvent(long sequence, EventRecord record, ReadOnlySpan<byte> body)
    {
        _statement.Bind(_sequence, sequence);
        _statement.Bind(_ts, record.Ts);
        _statement.Bind(_playhead, record.Playhead);
        _statement.Bind(_eventType, (long)record.Type);
        _statement.BindBlob(_body, body);
    }
}
