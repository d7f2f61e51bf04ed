using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>Registers the PostgreSQL session store.</summary>
public static class PostgresStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresSessionStore"/> as the singleton <see cref="ISessionStore"/> and <see cref="IReportStore"/>, with its options
    /// bound from <c>Storage:Postgres</c> and validated when the host starts. The host still calls
    /// <see cref="ISessionStore.InitializeAsync"/> (which creates or migrates the schema) before the first write.
    /// </summary>
    public static IServiceCollection AddPlaytrailPostgresStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PostgresStoreOptions>()
            .Bind(configuration.GetSection(PostgresStoreOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStoreOptions>, PostgresStoreOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PostgresSessionStore>();
        services.TryAddSingleton<ISessionStore>(provider => provider.GetRequiredService<PostgresSessionStore>());
        services.TryAddSingleton<IReportStore>(provider => provider.GetRequiredService<PostgresSessionStore>());
        services.TryAddSingleton<IStoreDiagnostics>(provider => provider.GetRequiredService<PostgresSessionStore>());
        services.AddRawEventRetention(configuration);
        services.TryAddSingleton<RawEventRetentionService>();
        services.AddHostedService(provider => provider.GetRequiredService<RawEventRetentionService>());
        return services;
    }
}
