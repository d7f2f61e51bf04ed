using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Postgres;

public sealed class PostgresStoreRegistrationTests
{
    [Fact]
    public async Task AddPlaytrailPostgresStore_RegistersOneStoreForSessionsReportsAndDiagnostics()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Postgres:ConnectionString"] = "Host=localhost;Database=playtrail" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddPlaytrailPostgresStore(configuration);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var store = provider.GetRequiredService<ISessionStore>();

        Assert.IsType<PostgresSessionStore>(store);
        Assert.Same(store, provider.GetRequiredService<IReportStore>());
        Assert.Same(store, provider.GetRequiredService<IStoreDiagnostics>());
    }
}
