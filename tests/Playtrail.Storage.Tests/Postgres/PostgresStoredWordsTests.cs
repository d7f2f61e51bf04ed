using System.Data.Common;
using Npgsql;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>The stored words of statuses and close reasons on a real PostgreSQL server.</summary>
public sealed class PostgresStoredWordsTests : StoredWordsContract
{
    protected override SessionStoreHarness CreateHarness() => new PostgresStoreHarness();

    protected override async Task<DbConnection> ConnectAsync(SessionStoreHarness harness)
    {
        var connection = new NpgsqlConnection(await ((PostgresStoreHarness)harness).ConnectionStringAsync());
        await connection.OpenAsync();
        return connection;
    }
}
