using Microsoft.Data.Sqlite;
using Playtrail.Storage.Privacy;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The writer connection's statements for visitors: linking a new session to the identifiers of its sessionStart, and
/// deleting a visitor's sessions in bounded steps (docs/decisions/0020-visitor-deletion.md). Prepared once, like the
/// writer's other statements, and run inside the writer's open transaction.
/// </summary>
internal sealed class SqliteVisitorWriter : IDisposable
{
    private readonly SqliteCommand _link;
    private readonly SqliteCommand _selectSessions;
    private readonly SqliteCommand _selectChain;
    private readonly SqliteCommand _deleteEvent;
    private readonly SqliteCommand _relink;
    private readonly SqliteCommand _claim;
    private readonly SqliteCommand _deleteReport;
    private readonly SqliteCommand _deleteFacts;
    private readonly SqliteCommand _deleteLinks;
    private readonly SqliteCommand _deleteSession;

    public SqliteVisitorWriter(SqliteConnection connection)
    {
        _link = Prepare(connection, SqliteStatements.InsertSessionVisitor, ("$visitor_key", SqliteType.Blob), ("$session_id", SqliteType.Text));
        _selectSessions = Prepare(connection,
            "SELECT session_id FROM session_visitors WHERE visitor_key = $visitor_key ORDER BY session_id LIMIT $limit",
            ("$visitor_key", SqliteType.Blob), ("$limit", SqliteType.Integer));
        // A session's events are found by following their chain from its last one (schema 9), which stops at the limit.
        _selectChain = Prepare(connection,
            SqliteStatements.EventChain + "SELECT event_rowid FROM chain WHERE event_rowid IS NOT NULL LIMIT $limit",
            ("$session_id", SqliteType.Text), ("$limit", SqliteType.Integer));
        // The session id is checked again: a session whose events retention deleted may link to a rowid reused since.
        _deleteEvent = Prepare(connection,
            "DELETE FROM events WHERE rowid = $rowid AND session_id = $session_id",
            ("$rowid", SqliteType.Integer), ("$session_id", SqliteType.Text));
        _relink = Prepare(connection,
            "UPDATE sessions SET last_event_rowid = $rowid WHERE session_id = $session_id",
            ("$rowid", SqliteType.Integer), ("$session_id", SqliteType.Text));
        _claim = Prepare(connection,
            "UPDATE sessions SET processed_at = $now WHERE session_id = $session_id AND processed_at IS NULL",
            ("$session_id", SqliteType.Text), ("$now", SqliteType.Integer));
        _deleteReport = Prepare(connection, "DELETE FROM session_reports WHERE session_id = $session_id", ("$session_id", SqliteType.Text));
        _deleteFacts = Prepare(connection, "DELETE FROM session_facts WHERE session_id = $session_id", ("$session_id", SqliteType.Text));
        _deleteLinks = Prepare(connection, "DELETE FROM session_visitors WHERE session_id = $session_id", ("$session_id", SqliteType.Text));
        _deleteSession = Prepare(connection, "DELETE FROM sessions WHERE session_id = $session_id", ("$session_id", SqliteType.Text));
        Commands = [_link, _selectSessions, _selectChain, _deleteEvent, _relink, _claim, _deleteReport, _deleteFacts, _deleteLinks, _deleteSession];
    }

    /// <summary>The commands, for enlisting them in a transaction.</summary>
    public IReadOnlyList<SqliteCommand> Commands { get; }

    /// <summary>Records that <paramref name="sessionId"/>'s sessionStart named each of <paramref name="visitorKeys"/>.</summary>
    public void Link(string sessionId, byte[][] visitorKeys)
    {
        foreach (var key in visitorKeys)
        {
            _link.Parameters[0].Value = key;
            _link.Parameters[1].Value = sessionId;
            _link.ExecuteNonQuery();
        }
    }

    /// <summary>One bounded step of a visitor's deletion (see <see cref="IVisitorDeletionBatches"/>).</summary>
    public VisitorDeletionBatch DeleteBatch(byte[] visitorKey, VisitorDeletionLimits limits, long now)
    {
        _selectSessions.Parameters[0].Value = visitorKey;
        _selectSessions.Parameters[1].Value = limits.MaxSessions;
        var sessionIds = new List<string>(limits.MaxSessions);
        using (var reader = _selectSessions.ExecuteReader())
        {
            while (reader.Read())
            {
                sessionIds.Add(reader.GetString(0));
            }
        }

        if (sessionIds.Count == 0)
        {
            return new VisitorDeletionBatch(Found: false, 0, 0);
        }

        var budget = limits.MaxEvents;
        var sessions = 0;
        var events = 0L;
        var chain = new List<long>();
        foreach (var sessionId in sessionIds)
        {
            // The newest events first, one more than the budget allows, to know whether any would remain.
            ReadChain(sessionId, budget + 1, chain);
            var taken = Math.Min(chain.Count, budget);
            for (var i = 0; i < taken; i++)
            {
                _deleteEvent.Parameters[0].Value = chain[i];
                _deleteEvent.Parameters[1].Value = sessionId;
                events += _deleteEvent.ExecuteNonQuery();
            }

            budget -= taken;
            if (taken < chain.Count)
            {
                // Events remain: the session now ends at the newest of them, and keeps its row until the next step,
                // claimed so that neither the processor nor the recovery pass can turn what is left of it into a report or
                // rollup increment meanwhile.
                _relink.Parameters[0].Value = chain[taken];
                _relink.Parameters[1].Value = sessionId;
                _relink.ExecuteNonQuery();
                _claim.Parameters[0].Value = sessionId;
                _claim.Parameters[1].Value = now;
                _claim.ExecuteNonQuery();
                break;
            }

            foreach (var command in (ReadOnlySpan<SqliteCommand>)[_deleteReport, _deleteFacts, _deleteLinks, _deleteSession])
            {
                command.Parameters[0].Value = sessionId;
                command.ExecuteNonQuery();
            }

            sessions++;
        }

        return new VisitorDeletionBatch(Found: true, sessions, events);
    }

    private void ReadChain(string sessionId, int limit, List<long> rowids)
    {
        rowids.Clear();
        _selectChain.Parameters[0].Value = sessionId;
        _selectChain.Parameters[1].Value = limit;
        using var reader = _selectChain.ExecuteReader();
        while (reader.Read())
        {
            rowids.Add(reader.GetInt64(0));
        }
    }

    public void Dispose()
    {
        foreach (var command in Commands)
        {
            command.Dispose();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }
}
