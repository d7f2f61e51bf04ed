using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>Registers the SQLite session store.</summary>
public static class SqliteStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteSessionStore"/> as the singleton <see cref="ISessionStore"/> and <see cref="IReportStore"/>, with its options
    /// bound from <c>Storage:Sqlite</c> and validated when the host starts. The host still calls
    /// <see cref="ISessionStore.InitializeAsync"/> before the first write.
    /// </summary>
    public static IServiceCollection AddPlaytrailSqliteStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SqliteStoreOptions>()
            .Bind(configuration.GetSection(SqliteStoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStoreOptions>, SqliteStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteSessionStore>();
        services.TryAddSingleton<ISessionStore>(provider => provider.GetRequiredService<SqliteSessionStore>());
        services.TryAddSingleton<IReportStore>(provider => provider.GetRequiredService<SqliteSessionStore>());
        services.TryAddSingleton<IStoreDiagnostics>(provider => provider.GetRequiredService<SqliteSessionStore>());
        services.AddRawEventRetention(configuration);
        services.TryAddSingleton<SqliteRawEventRetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<SqliteRawEventRetentionService>());
        return services;
    }
}
