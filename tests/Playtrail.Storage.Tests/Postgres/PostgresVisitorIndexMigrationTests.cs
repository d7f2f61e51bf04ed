using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Tests.Privacy;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>The visitor index migration on a real PostgreSQL database of the version before it.</summary>
public sealed class PostgresVisitorIndexMigrationTests : VisitorIndexMigrationContract
{
    protected override SessionStoreHarness CreateHarness() => new PostgresStoreHarness();

    protected override async Task<DbConnection> CreateLegacyAsync(SessionStoreHarness harness)
    {
        var connectionString = await ((PostgresStoreHarness)harness).ConnectionStringAsync();
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await PostgresSchema.MigrateAsync(dataSource, TimeProvider.System, NullLogger.Instance, PostgresSchema.VisitorIndexVersion - 1, None);
            // The partition the legacy events arrive in, made the way the store makes it.
            await new PostgresEventPartitions(dataSource, NullLogger.Instance).EnsureAsync(ReceivedAt, None);
        }

        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
