using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Reporting;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>Schema 5 on a real schema 4 SQLite file.</summary>
public sealed class SqliteReportingMigrationTests : ReportingMigrationContract
{
    protected override SessionStoreHarness CreateHarness() => new SqliteStoreHarness();

    protected override async Task<DbConnection> CreateLegacyAsync(SessionStoreHarness harness)
    {
        var path = ((SqliteStoreHarness)harness).Path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = await OpenRawAsync(harness);
        SqliteSchema.Migrate((SqliteConnection)connection, TimeProvider.System, NullLogger.Instance, targetVersion: 4);
        return connection;
    }

    protected override async Task<DbConnection> OpenRawAsync(SessionStoreHarness harness)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ((SqliteStoreHarness)harness).Path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
