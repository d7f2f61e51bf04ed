using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// One schema version: its SQL and, when existing rows must be turned into new ones by code, a step run right after it in
/// the same transaction.
/// </summary>
internal sealed record SqliteMigration(string Sql, Action<SqliteConnection, SqliteTransaction, ILogger>? Fill = null);
