using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>
/// A fresh database on the test process's PostgreSQL server (<see cref="PostgresServer.SharedAsync"/>). Every store the harness opens has its own data source, so two
/// stores are two server nodes sharing one database. Disposing the harness drops the database.
/// </summary>
public sealed class PostgresStoreHarness(Action<PostgresStoreOptions>? configure = null) : SessionStoreHarness
{
    private const int MaxPoolSize = 8;
    private readonly List<PostgresSessionStore> _opened = [];
    private string? _connectionString;

    /// <summary>The database's connection string (created on first use).</summary>
    public async Task<string> ConnectionStringAsync() =>
        _connectionString ??= await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();

    public override async Task<ISessionStore> OpenAsync(TimeProvider timeProvider) => await OpenPostgresAsync(timeProvider);

    public async Task<PostgresSessionStore> OpenPostgresAsync(TimeProvider timeProvider)
    {
        var store = await CreateAsync(timeProvider);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A store (a node) on the harness's database, not yet initialized.</summary>
    public async Task<PostgresSessionStore> CreateAsync(TimeProvider timeProvider)
    {
        // A small pool per node: test classes run in parallel against one server, whose connections are limited.
        var connectionString = new NpgsqlConnectionStringBuilder(await ConnectionStringAsync()) { MaxPoolSize = MaxPoolSize }.ConnectionString;
        var options = new PostgresStoreOptions { ConnectionString = connectionString };
        configure?.Invoke(options);
        var store = new PostgresSessionStore(Options.Create(options), timeProvider, NullLogger<PostgresSessionStore>.Instance);
        _opened.Add(store);
        return store;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        if (_connectionString is null)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var database = builder.Database!;
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
