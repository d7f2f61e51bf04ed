using System.Data.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Tests.Reporting;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>Schema 2 on a real schema 1 PostgreSQL database.</summary>
public sealed class PostgresReportingMigrationTests : ReportingMigrationContract
{
    protected override SessionStoreHarness CreateHarness() => new PostgresStoreHarness();

    protected override async Task<DbConnection> CreateLegacyAsync(SessionStoreHarness harness)
    {
        await using (var dataSource = NpgsqlDataSource.Create(await ((PostgresStoreHarness)harness).ConnectionStringAsync()))
        {
            await PostgresSchema.MigrateAsync(dataSource, TimeProvider.System, NullLogger.Instance, targetVersion: 1, CancellationToken.None);
        }

        return await OpenRawAsync(harness);
    }

    protected override async Task<DbConnection> OpenRawAsync(SessionStoreHarness harness)
    {
        var connection = new NpgsqlConnection(await ((PostgresStoreHarness)harness).ConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }
}
