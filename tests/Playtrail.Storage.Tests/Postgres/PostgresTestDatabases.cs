using Npgsql;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>Fresh PostgreSQL databases for tests (stand-in until the shared server fixture lands).</summary>
internal static class PostgresTestDatabases
{
    public static async Task<string> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("PLAYTRAIL_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set PLAYTRAIL_TEST_POSTGRES to a superuser connection string.");
        var name = "playtrail_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
