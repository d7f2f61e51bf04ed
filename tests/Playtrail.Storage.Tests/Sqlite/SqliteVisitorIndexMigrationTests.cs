using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Privacy;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>The visitor index migration on a real SQLite file of the version before it.</summary>
public sealed class SqliteVisitorIndexMigrationTests : VisitorIndexMigrationContract
{
    protected override SessionStoreHarness CreateHarness() => new SqliteStoreHarness();

    protected override async Task<DbConnection> CreateLegacyAsync(SessionStoreHarness harness)
    {
        var path = ((SqliteStoreHarness)harness).Path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        SqliteSchema.Migrate(connection, TimeProvider.System, NullLogger.Instance, targetVersion: SqliteSchema.VisitorIndexVersion - 1);
        return connection;
    }
}
