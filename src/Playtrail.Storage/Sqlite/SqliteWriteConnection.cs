using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Playtrail.Core.Events;
using Playtrail.Storage.Privacy;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The writer's one connection and its prepared statements, compiled once and reused by every batch. Each
/// method runs inside the transaction from <see cref="BeginTransaction"/>, so its checks see every earlier
/// write of the same batch, committed or not.
/// </summary>
internal sealed partial class SqliteWriteConnection : IDisposable
{

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertSession;
    private readonly SqliteCommand _findByKey;
    private readonly SqliteCommand _findByHash;
    private readonly SqliteCommand _closeIdle;
    private readonly SqliteCommand _closeStalled;
    private readonly SqliteCommand _markProcessed;
    private readonly SqliteCommand _insertReport;
    private readonly SqliteCommand _insertReportSpace;
    private readonly SqliteCommand _addUploadCount;
    private readonly AppendStatements _append;
    private readonly SqliteFactsWriter _facts;
    private readonly SqliteVisitorWriter _visitors;
    private readonly SqliteEventInsert _events;
    private readonly SqliteCommand[] _commands;
    private SqliteTransaction? _transaction;

    private SqliteWriteConnection(SqliteConnection connection)
    {
        _connection = connection;
        _insertSession = Prepare(SqliteStatements.InsertSession);
        _findByKey = Prepare(SqliteStatements.FindUploadByKey);
        _findByHash = Prepare(SqliteStatements.FindUploadByHash);
        _closeIdle = Prepare(SqliteStatements.CloseIdleSessions);
        _closeStalled = Prepare(SqliteStatements.CloseStalledSessions);
        _markProcessed = Prepare(SqliteStatements.MarkProcessed);
        _insertReport = Prepare(SqliteStatements.InsertReport);
        _insertReportSpace = Prepare(SqliteStatements.InsertReportSpace);
        _addUploadCount = Prepare(ReportSql.AddUploadCount.Sql);
        _facts = new SqliteFactsWriter(connection, MeasureCatalog.All);
        _visitors = new SqliteVisitorWriter(connection);
        _events = new SqliteEventInsert(connection);
        _append = new AppendStatements(connection, _events);
        _commands =
        [
            _insertSession, _findByKey, _findByHash, _closeIdle,
            _closeStalled, _markProcessed, _insertReport, _insertReportSpace, _addUploadCount, .. _facts.Commands, .. _visitors.Commands,
        ];
    }

    /// <summary>Opens the database for writing, sets the connection's PRAGMAs and migrates the schema.</summary>
    public static SqliteWriteConnection Open(
        string connectionString, SqliteStoreOptions options, TimeProvider timeProvider, ILogger logger, out int schemaVersion)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            // First, so that switching the journal mode waits for another process's lock instead of failing.
            Pragma(connection, "PRAGMA busy_timeout = 5000");
            var journalMode = Pragma(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                logger.JournalModeNotWal(journalMode);
            }

            // FULL: in WAL mode NORMAL may lose the last commits on power loss, and a write is acknowledged
            // only once it would survive one.
            Pragma(connection, "PRAGMA synchronous = FULL");
            Pragma(connection, "PRAGMA foreign_keys = ON");
            // Storage:Sqlite:WriterCacheMebibytes of page cache for the one writer (SQLite's default is 2 MiB): processing a
            // session updates about fifteen B-trees, and re-reading their pages from the OS costs CPU; but every commit
            // also walks the cache's hash table (docs/benchmarks.md, "Reporting rollups" and "Online events at the cost
            // of HTTP"). Pages are allocated as they are used.
            Pragma(connection, $"PRAGMA cache_size = -{options.WriterCacheMebibytes * 1024}");
            // The writer still checkpoints every so many pages, the only way the log starts over; with SqliteCheckpointer
            // running, those checkpoints find nearly every page already copied.
            Pragma(connection, $"PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterCheckpointPages}");

            if (options.MaxDatabaseBytes is { } quota)
            {
                // A per-connection limit: a write that would grow the file past it fails with SQLITE_FULL, exactly as a
                // full disk makes it fail, and pages freed by deletions are reused before the file grows.
                var pageSize = long.Parse(Pragma(connection, "PRAGMA page_size"), CultureInfo.InvariantCulture);
                Pragma(connection, $"PRAGMA max_page_count = {Math.Max(1, quota / pageSize)}");
            }

            schemaVersion = SqliteSchema.Migrate(connection, timeProvider, logger);
            return new SqliteWriteConnection(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Begins an IMMEDIATE transaction and enlists every prepared statement in it.</summary>
    public SqliteTransaction BeginTransaction()
    {
        var transaction = _connection.BeginTransaction(deferred: false);
        _transaction = transaction;
        foreach (var command in _commands)
        {
            command.Transaction = transaction;
        }

        return transaction;
    }

    /// <summary>The pages this connection has written to the log since the last call (SQLite's CACHE_WRITE status, reset).</summary>
    public int TakeLogPagesWritten()
    {
        const int CacheWrite = 9; // SQLITE_DBSTATUS_CACHE_WRITE
        return SQLitePCL.raw.sqlite3_db_status(_connection.Handle, CacheWrite, out var pages, out _, 1) == SQLitePCL.raw.SQLITE_OK ? pages : 0;
    }

    public void CreateOnlineSession(NewSession session, EventRecord sessionStart, byte[] body, byte[][] visitorKeys)
    {
        var receivedAt = session.ReceivedAt.ToUnixTimeMilliseconds();
        // The event before its session: the session row links to it through last_insert_rowid().
        _events.Insert(Encoding.UTF8.GetBytes(session.SessionId), 0, previous: null, sessionStart, body, receivedAt);
        InsertSession(session, SessionStatusText.Active, closeReason: null, sessionStart.Ts, sessionStart.Ts, eventCount: 1,
            sessionStart.Playhead, closedAt: null, idempotencyKey: null, bodyHash: null);
        _visitors.Link(session.SessionId, visitorKeys);
    }

    public DownloadedOutcome CreateDownloadedSession(
        NewSession session, IReadOnlyList<EventRecord> events, UploadIdentity identity, byte[][] visitorKeys)
    {
        if (FindEarlierUpload(identity) is { } earlier)
        {
            return earlier;
        }

        var close = SessionClosing.OfDownloaded(events);
        var receivedAt = session.ReceivedAt.ToUnixTimeMilliseconds();
        // The events before their session: the session row links to the last one through last_insert_rowid().
        _events.InsertAll(session.SessionId, events, receivedAt);
        InsertSession(session, SessionStatusText.Name(close.Status), CloseReasonText.Name(close.CloseReason), close.FirstTs, close.LastTs, events.Count, events[^1].Playhead, receivedAt, identity.IdempotencyKey, identity.BodyHash);

        _visitors.Link(session.SessionId, visitorKeys);
        return new DownloadedOutcome(DownloadedOutcomeKind.Created, session.SessionId);
    }

    public List<string> CloseTimedOutSessions(long idleBefore, long stallBefore, long now)
    {
        var closed = new List<string>();
        Set(_closeIdle, "$before", idleBefore);
        Set(_closeIdle, "$closed_at", now);
        ReadIds(_closeIdle, closed);

        // Runs second so that a session both idle and stalled is reported as idle, the stronger signal.
        Set(_closeStalled, "$before", stallBefore);
        Set(_closeStalled, "$closed_at", now);
        ReadIds(_closeStalled, closed);
        return closed;
    }

    /// <summary>One bounded step of deleting a visitor's sessions (docs/decisions/0020-visitor-deletion.md).</summary>
    public VisitorDeletionBatch DeleteVisitorBatch(byte[] visitorKey, VisitorDeletionLimits limits, long now) =>
        _visitors.DeleteBatch(visitorKey, limits, now);

    public void Dispose()
    {
        foreach (var command in _commands)
        {
            command.Dispose();
        }

        _append.Dispose();
        _facts.Dispose();
        _visitors.Dispose();
        _events.Dispose();
        _connection.Dispose();
    }

    private DownloadedOutcome? FindEarlierUpload(UploadIdentity identity)
    {
        var notBefore = identity.NotBefore.ToUnixTimeMilliseconds();
        if (identity.IdempotencyKey is { } key)
        {
            Set(_findByKey, "$idempotency_key", key);
            Set(_findByKey, "$not_before", notBefore);
            using var reader = _findByKey.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return identity.Judge(reader.GetString(0), reader.IsDBNull(1) ? [] : reader.GetFieldValue<byte[]>(1));
        }

        Set(_findByHash, "$body_sha256", identity.BodyHash);
        Set(_findByHash, "$not_before", notBefore);
        return _findByHash.ExecuteScalar() is string originalId ? identity.Judge(originalId, identity.BodyHash) : null;
    }

    /// <summary>Adds counts of downloaded upload outcomes to their (hour, outcome, reason) rows.</summary>
    public void AddUploadCounts(IReadOnlyList<UploadCount> counts)
    {
        foreach (var count in counts)
        {
            Set(_addUploadCount, "@hour", count.Hour);
            Set(_addUploadCount, "@outcome", count.Outcome);
            Set(_addUploadCount, "@reason", count.Reason);
            Set(_addUploadCount, "@uploads", count.Count);
            _addUploadCount.ExecuteNonQuery();
        }
    }

    /// <summary>
    /// Stores the processor's output and adds the session to the rollups, only if this is the session's first
    /// processing: the claim on <c>processed_at</c> and the writes share one transaction, so a session counts once.
    /// </summary>
    public bool SaveProcessed(ProcessedSession processed, long now)
    {
        Set(_markProcessed, "$session_id", processed.SessionId);
        Set(_markProcessed, "$processed_at", now);
        if (_markProcessed.ExecuteScalar() is null)
        {
            return false;
        }

        if (processed.ReportJson.IsHeld && processed.CallsJson.IsHeld)
        {
            // Small documents (every ordinary session) are bound: cheaper than opening two blobs.
            Set(_insertReport, "$session_id", processed.SessionId);
            Set(_insertReport, "$processed_at", now);
            Set(_insertReport, "$report", processed.ReportJson.ToArray());
            Set(_insertReport, "$calls", processed.CallsJson.ToArray());
            _insertReport.ExecuteNonQuery();
        }
        else
        {
            // A large document is inserted as a zeroblob and written through incremental blob I/O: binding it would copy
            // it whole, and building the row's record would copy it again (schema 8, SqliteSchema).
            Set(_insertReportSpace, "$session_id", processed.SessionId);
            Set(_insertReportSpace, "$processed_at", now);
            Set(_insertReportSpace, "$report_length", processed.ReportJson.Length);
            Set(_insertReportSpace, "$calls_length", processed.CallsJson.Length);
            var rowId = (long)_insertReportSpace.ExecuteScalar()!;
            WriteBlob("report", rowId, processed.ReportJson);
            WriteBlob("calls", rowId, processed.CallsJson);
        }

        _facts.Write(processed.Facts, now);
        return true;
    }

    private void WriteBlob(string column, long rowId, StoredJson document)
    {
        using var blob = new SqliteBlob(_connection, "session_reports", column, rowId);
        using var writer = new SqliteBlobWriter(blob);
        document.WriteTo(writer);
        writer.Flush();
    }

    private void InsertSession(NewSession session, string status, string? closeReason, long firstTs, long lastTs, int eventCount,
        double lastPlayhead, long? closedAt, string? idempotencyKey, byte[]? bodyHash)
    {
        var receivedAt = session.ReceivedAt.ToUnixTimeMilliseconds();
        var start = session.Start;
        var command = _insertSession;
        Set(command, "$session_id", session.SessionId);
        Set(command, "$downloaded", session.Downloaded);
        Set(command, "$status", status);
        Set(command, "$close_reason", closeReason);
        Set(command, "$media_id", start.MediaId);
        Set(command, "$media_name", start.MediaName);
        Set(command, "$content_type", start.ContentType);
        Set(command, "$media_length", start.Length);
        Set(command, "$resume", start.Resume);
        Set(command, "$first_ts", firstTs);
        Set(command, "$last_ts", lastTs);
        Set(command, "$event_count", eventCount);
        Set(command, "$received_at", receivedAt);
        Set(command, "$last_playhead", lastPlayhead);
        Set(command, "$closed_at", closedAt);
        Set(command, "$idempotency_key", idempotencyKey);
        Set(command, "$body_sha256", bodyHash);
        command.ExecuteNonQuery();
    }

    private static void ReadIds(SqliteCommand command, List<string> ids)
    {
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }

    /// <summary>Binds a value by name, adding the parameter on first use; the statement itself stays compiled.</summary>
    private static void Set(SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
    }

    private static string Pragma(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }
}
