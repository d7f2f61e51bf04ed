using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Tests.Sqlite;

public sealed class SqliteStoreRegistrationTests
{
    [Fact]
    public async Task AddPlaytrailSqliteStore_BindsStorageSqliteSectionAndRegistersOneStoreForSessionsAndReports()
    {
        await using var harness = new SqliteStoreHarness();
        var configuration = Configuration(new()
        {
            ["Storage:Sqlite:Path"] = harness.Path,
            ["Storage:Sqlite:MaxBatchSize"] = "32",
            ["Storage:Sqlite:QueueCapacity"] = "500",
            ["Storage:Sqlite:WriterCacheMebibytes"] = "8",
            ["Storage:Sqlite:DrainOnCaller"] = "false",
            ["Storage:Sqlite:CheckpointIntervalMilliseconds"] = "0",
        });
        await using var provider = BuildProvider(configuration);

        var options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
        var store = provider.GetRequiredService<ISessionStore>();
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal(harness.Path, options.Path);
        Assert.Equal(32, options.MaxBatchSize);
        Assert.Equal(500, options.QueueCapacity);
        Assert.Equal(8, options.WriterCacheMebibytes);
        Assert.False(options.DrainOnCaller);
        Assert.Equal(0, options.CheckpointIntervalMilliseconds);
        Assert.IsType<SqliteSessionStore>(store);
        Assert.Same(store, provider.GetRequiredService<ISessionStore>());
        Assert.Same(store, provider.GetRequiredService<IReportStore>());
        Assert.True(await store.IsHealthyAsync(CancellationToken.None));
        Assert.True(File.Exists(harness.Path));
    }

    [Fact]
    public async Task AddPlaytrailSqliteStore_WithoutSection_UsesDefaults()
    {
        await using var provider = BuildProvider(Configuration([]));

        var options = provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;

        Assert.Equal("data/playtrail.db", options.Path);
        Assert.Equal(256, options.MaxBatchSize);
        Assert.Equal(10_000, options.QueueCapacity);
        Assert.Equal(16, options.WriterCacheMebibytes);
        Assert.True(options.DrainOnCaller);
        Assert.Equal(200, options.CheckpointIntervalMilliseconds);
    }

    [Fact]
    public async Task AddPlaytrailSqliteStore_InvalidOptions_FailStartUpValidation()
    {
        var configuration = Configuration(new()
        {
            ["Storage:Sqlite:Path"] = " ",
            ["Storage:Sqlite:MaxBatchSize"] = "0",
            ["Storage:Sqlite:QueueCapacity"] = "-1",
            ["Storage:Sqlite:WriterCacheMebibytes"] = "0",
            ["Storage:Sqlite:CheckpointIntervalMilliseconds"] = "-1",
        });
        await using var provider = BuildProvider(configuration);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(5, failure.Failures.Count());
        Assert.Contains(failure.Failures, message => message.Contains("Storage:Sqlite:CheckpointIntervalMilliseconds", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.Contains("Storage:Sqlite:WriterCacheMebibytes", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.Contains("Storage:Sqlite:Path", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.Contains("Storage:Sqlite:MaxBatchSize", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, message => message.Contains("Storage:Sqlite:QueueCapacity", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider BuildProvider(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddPlaytrailSqliteStore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
