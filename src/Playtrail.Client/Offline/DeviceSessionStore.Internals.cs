using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Playtrail.Client.Offline;

/// <summary>Opening, the guarded run of every operation, error handling and small helpers shared by the operations.</summary>
public sealed partial class DeviceSessionStore
{
    private const string LastErrorName = "last_error";

    private readonly StoreCounters _counters = new();
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;

    private void Initialise()
    {
        try
        {
            var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_options.Path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // No pooling: Dispose must really close the file, so the app (or a test) can reopen or delete it.
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = _options.Path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString();
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            StoreSchema.Apply(_connection, _options.Durability);
            _commands = new StoreCommands(_connection);
            lock (_gate)
            {
                ResyncLocked();
                using var transaction = _connection.BeginTransaction();
                EvictExpiredLocked(transaction, NowMs());
                transaction.Commit();
            }
        }
        catch (Exception exception) when (IsStoreFailure(exception))
        {
            lock (_gate)
            {
                FailLocked(nameof(Open), exception);
                _commands?.Dispose();
                _commands = null;
                _connection?.Dispose();
                _connection = null;
            }
        }
    }

    /// <summary>
    /// Every public and uploader-facing operation runs through here: under the lock, only while the store is open,
    /// and with a store failure logged, recorded as the last error and followed by a resync of the in-memory totals.
    /// <paramref name="otherwise"/> gives the answer when the store is unavailable or the operation failed (and counts
    /// whatever the caller could not store); it runs under the lock too.
    /// </summary>
    private T Guarded<T>(string operation, Func<T> run, Func<T> otherwise)
    {
        lock (_gate)
        {
            if (_connection is null || _commands is null)
            {
                return otherwise();
            }

            try
            {
                return run();
            }
            catch (Exception exception) when (IsStoreFailure(exception))
            {
                FailLocked(operation, exception);
                return otherwise();
            }
        }
    }

    private void Write(string operation, Action<SqliteTransaction> write) =>
        Write(operation, transaction =>
        {
            write(transaction);
            return true;
        });

    /// <summary>Runs <paramref name="write"/> in one transaction under <see cref="Guarded"/>: all of it commits, or none.</summary>
    private bool Write(string operation, Func<SqliteTransaction, bool> write) =>
        Guarded(
            operation,
            () =>
            {
                using var transaction = _connection!.BeginTransaction();
                var result = write(transaction);
                transaction.Commit();
                return result;
            },
            otherwise: () => false);

    /// <summary>Failures the store turns into a logged, counted no-op; anything else is a bug and surfaces.</summary>
    private static bool IsStoreFailure(Exception exception) =>
        exception is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException
            or ObjectDisposedException or NotSupportedException or ArgumentException or DllNotFoundException
            or TypeInitializationException or EntryPointNotFoundException;

    private void FailLocked(string operation, Exception exception)
    {
        _lastError = $"{operation}: {exception.GetType().Name}: {exception.Message}";
        _lastErrorAt = _time.GetUtcNow();
        Log.StoreOperationFailed(_logger, operation, exception);
        try
        {
            ResyncLocked();
        }
        catch (Exception resyncFailure) when (IsStoreFailure(resyncFailure))
        {
            // The database is unusable right now; the next call tries again.
        }
    }

    /// <summary>Re-reads the totals the store keeps in memory, after opening or after a transaction rolled back.</summary>
    private void ResyncLocked()
    {
        if (_connection is null)
        {
            return;
        }

        using var command = Command(null, StoreSql.SelectTotals);
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            _sessionCount = reader.GetInt32(0);
            _bytes = reader.GetInt64(1);
        }

        // Sessions this process was recording stay open in memory only if the database still has them open.
        foreach (var id in _open.Keys.ToList())
        {
            if (LoadOpenLocked(id) is { } reloaded)
            {
                _open[id] = reloaded;
            }
            else
            {
                _open.Remove(id);
            }
        }
    }

    private OpenSession? LoadOpenLocked(long sessionId)
    {
        using var command = Command(
            null,
            StoreSql.LoadOpenSession,
            ("$id", sessionId));
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new OpenSession(sessionId, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetDouble(4))
            : null;
    }

    /// <summary>Counts a drop in its own transaction (used outside a larger write).</summary>
    private void AddCounterLocked(StoreDropReason reason, long sessions, long events)
    {
        using var transaction = _connection!.BeginTransaction();
        StoreCounters.AddDrop(_commands!, transaction, reason, sessions, events);
        transaction.Commit();
    }

    private void SetLastErrorLocked(SqliteTransaction? transaction, string error)
    {
        _lastError = error;
        _lastErrorAt = _time.GetUtcNow();
        using var command = Command(
            transaction,
            StoreSql.SetLastError,
            ("$name", LastErrorName),
            ("$at", _lastErrorAt.Value.ToUnixTimeMilliseconds()),
            ("$text", error));
        command.ExecuteNonQuery();
    }

    private void RollbackLocked()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            using var command = Command(null, StoreSql.Rollback);
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled back (it does on some errors) or never began: either way nothing is pending.
        }
    }

    private long NowMs() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = _connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
