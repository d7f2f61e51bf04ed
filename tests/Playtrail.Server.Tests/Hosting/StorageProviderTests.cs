using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Playtrail.Server.Hosting;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Server.Tests.Hosting;

public sealed class StorageProviderTests
{
    [Fact]
    public async Task NoProvider_UsesSqlite()
    {
        await using var services = Build(new() { ["Storage:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "unused.db") });

        Assert.IsType<SqliteSessionStore>(services.GetRequiredService<ISessionStore>());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("Postgres")]
    public async Task PostgresProvider_RegistersThePostgresStore_WithoutConnectingBeforeInitialize(string provider)
    {
        await using var services = Build(new()
        {
            ["Storage:Provider"] = provider,
            ["Storage:Postgres:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=playtrail",
        });

        var store = services.GetRequiredService<ISessionStore>();

        Assert.IsType<PostgresSessionStore>(store);
        Assert.Same(store, services.GetRequiredService<IStoreDiagnostics>());
    }

    [Fact]
    public async Task PostgresProvider_WithoutConnectionString_FailsValidationNamingTheKey()
    {
        await using var services = Build(new() { ["Storage:Provider"] = "postgres" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PostgresStoreOptions>>().Value);

        Assert.Contains("Storage:Postgres:ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownProvider_FailsAtStartUpNamingTheKnownOnes()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "mysql" }).Build();

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddPlaytrailServer(configuration));

        Assert.Contains("'mysql'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'sqlite'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'postgres'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawEventRetention_WithSqlite_RegistersTheSqliteRetentionPass()
    {
        await using var provider = Build(new Dictionary<string, string?> { ["Storage:Retention:RawEvents"] = "90.00:00:00" });

        Assert.Contains(provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
            service => service.GetType().Name == "SqliteRawEventRetentionService");
        Assert.Equal(TimeSpan.FromDays(90), provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Playtrail.Storage.RawEventRetentionOptions>>().Value.RawEvents);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlaytrailServer(configuration);
        return services.BuildServiceProvider();
    }
}
