using Microsoft.Data.Sqlite;
using Npgsql;

namespace Playtrail.Storage;

/// <summary>
/// Thrown (through the returned task) when the database has no room for a write: the disk is full, or the SQLite file
/// reached <c>Storage:Sqlite:MaxDatabaseBytes</c>. Nothing of the write was kept; the caller should answer 503 and the
/// client retry later. The store keeps running and takes writes again as soon as space returns.
/// </summary>
public sealed class StoreFullException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public StoreFullException()
        : base("The database is full.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public StoreFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the database's own error.</summary>
    public StoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// <paramref name="exception"/> as callers should see it: a database's "no space" error (SQLite's
    /// <c>SQLITE_FULL</c>, PostgreSQL's <c>disk_full</c>) becomes a <see cref="StoreFullException"/>; anything else is
    /// returned as it is.
    /// </summary>
    public static Exception Translate(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: SqliteFull } => new StoreFullException(
            "The SQLite database has no room for this write (the disk is full or Storage:Sqlite:MaxDatabaseBytes was reached).", exception),
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => new StoreFullException(
            "The PostgreSQL server has no disk space left for this write.", exception),
        _ => exception,
    };

    private const int SqliteFull = 13;
}
