using System.Diagnostics;
using Npgsql;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>The fixture that starts a real PostgreSQL from the machine's binaries for the storage tests.</summary>
public sealed class PostgresServerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task SharedAsync_AnswersSelectVersion_WithPostgres15OrLater()
    {
        var server = await PostgresServer.SharedAsync();

        var version = await ScalarAsync<string>(server.ConnectionString, "SELECT version()");
        var versionNumber = int.Parse(await ScalarAsync<string>(server.ConnectionString, "SHOW server_version_num"));

        Assert.StartsWith("PostgreSQL ", version);
        Assert.True(versionNumber >= 150000, $"expected PostgreSQL 15 or later, got {version}");
    }

    [Fact]
    public async Task SharedAsync_CalledTwice_ReturnsTheSameServer()
    {
        var first = await PostgresServer.SharedAsync();
        var second = await PostgresServer.SharedAsync();

        Assert.Same(first, second);
    }

    [Fact]
    public async Task ConnectionString_IsTheSuperuserOverTcpOnLocalhost()
    {
        var server = await PostgresServer.SharedAsync();

        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        var isSuperuser = await ScalarAsync<string>(server.ConnectionString, "SHOW is_superuser");
        var serverAddress = await ScalarAsync<string>(server.ConnectionString, "SELECT host(inet_server_addr())");

        Assert.Equal(("127.0.0.1", server.Port, "postgres", "postgres"), (builder.Host, builder.Port, builder.Username, builder.Database));
        Assert.Equal("on", isSuperuser);
        Assert.Equal("127.0.0.1", serverAddress);
    }

    [Fact]
    public async Task CreateDatabaseAsync_Twice_GivesTwoIsolatedDatabases()
    {
        var server = await PostgresServer.SharedAsync();

        var first = await server.CreateDatabaseAsync(cancellationToken: None);
        var second = await server.CreateDatabaseAsync(cancellationToken: None);
        await ExecuteAsync(first, "CREATE TABLE only_here (id int); INSERT INTO only_here VALUES (1)");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        Assert.Equal(1L, await ScalarAsync<long>(first, "SELECT count(*) FROM only_here"));
        Assert.Null(await ScalarAsync<object?>(second, "SELECT to_regclass('only_here')::text"));
    }

    [Fact]
    public async Task CreateDatabaseAsync_ManyAtOnce_AllSucceedWithDistinctNames()
    {
        var server = await PostgresServer.SharedAsync();

        var connectionStrings = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => server.CreateDatabaseAsync(cancellationToken: None)));

        Assert.Equal(8, connectionStrings.Select(connectionString => new NpgsqlConnectionStringBuilder(connectionString).Database).Distinct().Count());
    }

    [Fact]
    public async Task CreateDatabaseAsync_WithAName_CreatesThatDatabase()
    {
        var server = await PostgresServer.SharedAsync();
        var name = "named_" + Guid.NewGuid().ToString("N")[..8];

        var connectionString = await server.CreateDatabaseAsync(name, None);

        Assert.Equal(name, await ScalarAsync<string>(connectionString, "SELECT current_database()"));
    }

    [Fact]
    public async Task StartAsync_TwoServersAtOnce_ListenOnDifferentPortsWithSeparateData()
    {
        var starting = new[] { PostgresServer.StartAsync(None), PostgresServer.StartAsync(None) };
        await using var first = await starting[0];
        await using var second = await starting[1];

        await ExecuteAsync(first.ConnectionString, "CREATE TABLE only_on_first (id int)");

        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal(first.Port, await ScalarAsync<int>(first.ConnectionString, "SELECT inet_server_port()"));
        Assert.Equal(second.Port, await ScalarAsync<int>(second.ConnectionString, "SELECT inet_server_port()"));
        Assert.Null(await ScalarAsync<object?>(second.ConnectionString, "SELECT to_regclass('only_on_first')::text"));
    }

    [Fact]
    public async Task DisposeAsync_StopsTheServerProcessAndDeletesItsFolder()
    {
        var server = await PostgresServer.StartAsync(None);
        var folder = server.Folder;
        var postmaster = Process.GetProcessById(server.ProcessId);
        Assert.True(Directory.Exists(folder));
        Assert.False(postmaster.HasExited);

        await server.DisposeAsync();

        Assert.True(postmaster.WaitForExit(TimeSpan.FromSeconds(5)), "the postmaster is still running after DisposeAsync");
        Assert.False(Directory.Exists(folder), $"{folder} is still there after DisposeAsync");
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(server.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmless()
    {
        var server = await PostgresServer.StartAsync(None);

        await server.DisposeAsync();
        await server.DisposeAsync();

        Assert.False(Directory.Exists(server.Folder));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(None);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(None);
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(None);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(None);
        return value is DBNull ? default! : (T)value!;
    }
}
