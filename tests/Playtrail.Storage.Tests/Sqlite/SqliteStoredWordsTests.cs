using System.Data.Common;
using Microsoft.Data.Sqlite;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>The stored words of statuses and close reasons on a real SQLite file.</summary>
public sealed class SqliteStoredWordsTests : StoredWordsContract
{
    protected override SessionStoreHarness CreateHarness() => new SqliteStoreHarness();

    protected override async Task<DbConnection> ConnectAsync(SessionStoreHarness harness)
    {
        var connection = new SqliteConnection($"Data Source={((SqliteStoreHarness)harness).Path};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
