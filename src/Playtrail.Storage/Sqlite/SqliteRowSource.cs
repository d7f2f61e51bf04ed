using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Playtrail.Storage.Reporting;
using SQLitePCL;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// Report rows read straight from SQLite's statement on the connection's native handle. A report by content reads about
/// 100,000 rows of thirty columns; through <see cref="SqliteDataReader"/> each column costs several times what SQLite
/// spends producing it (measured in docs/benchmarks.md, "Reporting rollups"), here one native call.
/// </summary>
internal sealed class SqliteRowSource(SqliteConnection connection) : IRowSource
{
    /// <summary>How long a query waits for a lock before failing, as Microsoft.Data.Sqlite's default command timeout.</summary>
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    [SuppressMessage("Reliability", "CA2000", Justification = "Ownership passes to the returned reader, which disposes it.")]
    public Task<IRowReader> QueryAsync(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(database, sql, out var statement), database);
        try
        {
            foreach (var (name, value) in parameters)
            {
                var index = raw.sqlite3_bind_parameter_index(statement, "@" + name);
                if (index == 0)
                {
                    throw new ArgumentException($"The statement has no parameter @{name}.", nameof(parameters));
                }

                Check(value switch
                {
                    long number => raw.sqlite3_bind_int64(statement, index, number),
                    int number => raw.sqlite3_bind_int(statement, index, number),
                    bool flag => raw.sqlite3_bind_int(statement, index, flag ? 1 : 0),
                    double number => raw.sqlite3_bind_double(statement, index, number),
                    string text => raw.sqlite3_bind_text(statement, index, text),
                    _ => throw new ArgumentException($"@{name}: {value.GetType()} is not bound by the report engine.", nameof(parameters)),
                }, database);
            }

            return Task.FromResult<IRowReader>(new Reader(database, statement));
        }
        catch
        {
            statement.Dispose();
            throw;
        }
    }

    private static void Check(int result, sqlite3 database)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, database);
        }
    }

    private sealed class Reader(sqlite3 database, sqlite3_stmt statement) : IRowReader
    {
        private long _rows;

        public ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
        {
            // In-process and synchronous: a task per row would cost more than the row.
            if ((++_rows & 0x3FFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var started = Environment.TickCount64;
            while (true)
            {
                var result = raw.sqlite3_step(statement);
                if (result == raw.SQLITE_ROW)
                {
                    return ValueTask.FromResult(true);
                }

                if (result == raw.SQLITE_DONE)
                {
                    return ValueTask.FromResult(false);
                }

                // A WAL reader is only ever held back briefly (a checkpoint resetting the log): wait as the provider does.
                if ((result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED) && _rows == 1 && Environment.TickCount64 - started < BusyTimeout.TotalMilliseconds)
                {
                    raw.sqlite3_reset(statement);
                    Thread.Sleep(1);
                    continue;
                }

                SqliteException.ThrowExceptionForRC(result, database);
            }
        }

        public bool IsNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

        public long GetInt64(int column) => raw.sqlite3_column_int64(statement, column);

        public double GetDouble(int column) => raw.sqlite3_column_double(statement, column);

        public bool GetBoolean(int column) => raw.sqlite3_column_int64(statement, column) != 0;

        public string GetString(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();

        public ValueTask DisposeAsync()
        {
            statement.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
