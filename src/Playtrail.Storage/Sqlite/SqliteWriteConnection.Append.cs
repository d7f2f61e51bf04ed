using System.Text;
using Microsoft.Data.Sqlite;
using Playtrail.Core.Events;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

internal sealed partial class SqliteWriteConnection
{
    /// <summary>
    /// Appends an online event to an open session: reads the session's row, inserts the event linked to the session's last
    /// one, and points the session at it (<see cref="SqliteStatements.SelectForAppend"/>). The single writer runs every
    /// write, so nothing can change the row between the read and the update.
    /// </summary>
    public AppendOutcome AppendEvent(string sessionId, EventRecord record, byte[] body, long receivedAt) =>
        _append.Append(sessionId, record, body, receivedAt);

    /// <summary>
    /// The statements of every online event, the writer's most frequent work, driven with SQLite's own calls
    /// (<see cref="SqliteRawStatement"/>): the session id is converted to UTF-8 once per event, on the stack, and an
    /// event costs no managed allocation.
    /// </summary>
    private sealed class AppendStatements : IDisposable
    {
        /// <summary>Session ids are 64 characters (docs/decisions/0006-server-generated-session-ids.md); longer ones take the heap.</summary>
        private const int StackIdBytes = 256;

        private readonly SqliteRawStatement _select;
        private readonly SqliteEventInsert _events;
        private readonly SqliteRawStatement _toActive;
        private readonly SqliteRawStatement _closing;
        private readonly int _selectSessionId;
        private readonly UpdateParameters _activeUpdate;
        private readonly UpdateParameters _closingUpdate;
        private readonly int _closingStatus;
        private readonly int _closingReason;
        private readonly int _closingAt;

        /// <summary>Prepares the statements on <paramref name="connection"/>; <paramref name="events"/> stays its owner's.</summary>
        public AppendStatements(SqliteConnection connection, SqliteEventInsert events)
        {
            _events = events;
            _select = new SqliteRawStatement(connection, SqliteStatements.SelectForAppend);
            _toActive = new SqliteRawStatement(connection, SqliteStatements.AppendToActiveSession);
            _closing = new SqliteRawStatement(connection, SqliteStatements.AppendClosingEvent);
            _selectSessionId = _select.Parameter("$session_id");
            _activeUpdate = UpdateParameters.Of(_toActive);
            _closingUpdate = UpdateParameters.Of(_closing);
            _closingStatus = _closing.Parameter("$status");
            _closingReason = _closing.Parameter("$close_reason");
            _closingAt = _closing.Parameter("$closed_at");
        }

        public AppendOutcome Append(string sessionId, EventRecord record, byte[] body, long receivedAt)
        {
            Span<byte> buffer = sessionId.Length <= StackIdBytes / 3 ? stackalloc byte[StackIdBytes] : new byte[Encoding.UTF8.GetMaxByteCount(sessionId.Length)];
            var id = buffer[..Encoding.UTF8.GetBytes(sessionId, buffer)];

            long sequence;
            long? previous;
            try
            {
                _select.BindText(_selectSessionId, id);
                if (!_select.Step())
                {
                    return AppendOutcome.NotFound;
                }

                if (_select.Int64(0) == 0)
                {
                    return AppendOutcome.Gone;
                }

                sequence = _select.Int64(1);
                previous = _select.NullableInt64(2);
            }
            finally
            {
                _select.Reset();
            }

            // The event first: the update below links the session to it through last_insert_rowid().
            _events.Insert(id, sequence, previous, record, body, receivedAt);

            var (status, closeReason) = SessionClosing.ByEvent(record.Type);
            var update = status is null ? _toActive : _closing;
            try
            {
                (status is null ? _activeUpdate : _closingUpdate).Bind(update, id, record, receivedAt);
                if (status is not null)
                {
                    update.BindText(_closingStatus, status);
                    update.BindText(_closingReason, closeReason);
                    update.Bind(_closingAt, receivedAt);
                }

                update.Step();
            }
            finally
            {
                update.Reset();
            }

            return AppendOutcome.Accepted;
        }

        public void Dispose()
        {
            _select.Dispose();
            _toActive.Dispose();
            _closing.Dispose();
        }

        /// <summary>The parameters both session updates share.</summary>
        private readonly record struct UpdateParameters(int SessionId, int Ts, int Playhead, int ReceivedAt)
        {
            public static UpdateParameters Of(SqliteRawStatement update) =>
                new(update.Parameter("$session_id"), update.Parameter("$ts"), update.Parameter("$playhead"), update.Parameter("$received_at"));

            public void Bind(SqliteRawStatement update, ReadOnlySpan<byte> sessionId, EventRecord record, long receivedAt)
            {
                update.BindText(SessionId, sessionId);
                update.Bind(Ts, record.Ts);
                update.Bind(Playhead, record.Playhead);
                update.Bind(ReceivedAt, receivedAt);
            }
        }
    }
}
