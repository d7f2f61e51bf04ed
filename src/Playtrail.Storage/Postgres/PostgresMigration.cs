using Microsoft.Extensions.Logging;
using Npgsql;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// One schema version: its SQL and, when existing rows must be turned into new ones by code, a step run right after it in
/// the same transaction.
/// </summary>
internal sealed record PostgresMigration(string Sql, Func<NpgsqlConnection, NpgsqlTransaction, ILogger, CancellationToken, Task>? Fill = null);
