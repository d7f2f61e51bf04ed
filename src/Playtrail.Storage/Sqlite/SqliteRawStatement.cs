using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// One statement of the writer's hot paths, prepared once on the writer's connection and driven with SQLite's own calls:
/// parameters are bound by the index found at preparation, values without boxing, text and blobs straight from spans.
/// <see cref="SqliteCommand"/> looks each parameter up by name on every execution and allocates a data reader, boxes and
/// binders each time (docs/benchmarks.md, "Fifth round"). Errors surface as <see cref="SqliteException"/>, as from the
/// rest of the store, a full disk included. Runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class SqliteRawStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        Check(raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement));
    }

    /// <summary>The index of parameter <paramref name="name"/>, for the Bind calls; a missing one is a bug.</summary>
    public int Parameter(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new InvalidOperationException($"The statement has no parameter {name}: {raw.sqlite3_sql(_statement).utf8_to_string()}");
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    public void Bind(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index));

    /// <summary>Binds <paramref name="utf8"/> as text; SQLite copies it.</summary>
    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    public void BindText(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    /// <summary>Binds <paramref name="bytes"/> as a blob; SQLite copies it.</summary>
    public void BindBlob(int index, ReadOnlySpan<byte> bytes) => Check(raw.sqlite3_bind_blob(_statement, index, bytes));

    /// <summary>Runs the statement to its first row; false when it has none (or writes and returns nothing).</summary>
    public bool Step()
    {
        var step = raw.sqlite3_step(_statement);
        if (step is raw.SQLITE_ROW or raw.SQLITE_DONE)
        {
            return step == raw.SQLITE_ROW;
        }

        // The step's error is read before any reset, which would return it again but may also change it.
        Check(step);
        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>The column's integer, or null when it is NULL.</summary>
    public long? NullableInt64(int column) =>
        raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(_statement, column);

    /// <summary>Readies the statement to run again with the same bindings (a row of a series).</summary>
    public void Rewind() => Check(raw.sqlite3_reset(_statement));

    /// <summary>
    /// Ends the run and releases what it holds (a read cursor after a row, SQLite's copies of the bound values); every
    /// use ends with it, in a finally. Bindings are cleared so no copy of a body outlives the write.
    /// </summary>
    public void Reset()
    {
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(result, _connection.Handle);
        }
    }
}
