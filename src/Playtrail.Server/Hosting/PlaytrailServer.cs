using Microsoft.Extensions.Options;
using Playtrail.Server.Access;
using Playtrail.Server.Admission;
using Playtrail.Server.Dashboard;
using Playtrail.Server.Edge;
using Playtrail.Server.Exports;
using Playtrail.Server.Ingestion;
using Playtrail.Server.OpenApi;
using Playtrail.Server.Operations;
using Playtrail.Server.Privacy;
using Playtrail.Server.Processing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Playtrail.Server.Reporting;
using Playtrail.Server.Schemas;
using Playtrail.Server.Sessions;
using Playtrail.Storage;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Hosting;

/// <summary>Builds the Playtrail server: services, store, routes. Used by <c>Program</c> and by tests on a real port.</summary>
public static class PlaytrailServer
{
    /// <summary>The embedded single-node store, the default.</summary>
    public const string SqliteProvider = "sqlite";

    /// <summary>The store for any number of server nodes on one PostgreSQL database.</summary>
    public const string PostgresProvider = "postgres";

    /// <summary>
    /// Builds the application and prepares its store (schema created or migrated) so the first request
    /// finds it ready. <paramref name="configure"/> lets a host or test adjust the builder.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json is read from beside the binaries, so the server behaves the same whatever folder it
        // is started from; relative data paths still resolve against that folder.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddPlaytrailServer(builder.Configuration);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<CorsHeadersMiddleware>();
        app.UseDashboardAssets();
        app.UseRouting();
        app.UseMiddleware<RequestMetricsMiddleware>();
        app.UseMiddleware<ServerTimingMiddleware>();
        app.UseMiddleware<ProcessingBarrierMiddleware>();
        app.UseMiddleware<AccessMiddleware>();
        app.UseRateLimiter();
        app.MapLoginEndpoints();
        app.MapIngestionEndpoints();
        app.MapEdgeEndpoints();
        app.MapSessionEndpoints();
        app.MapSessionListEndpoints();
        app.MapReportEndpoints();
        app.MapTimelineEndpoints();
        app.MapExportEndpoints();
        app.MapPrivacyEndpoints();
        app.MapSchemaEndpoints();
        app.MapOperationsEndpoints();
        app.MapPlaytrailOpenApi();
        app.MapDashboardPages();

        var store = app.Services.GetRequiredService<ISessionStore>();
        await store.InitializeAsync(CancellationToken.None).ConfigureAwait(false);
        var provider = ProviderName(app.Configuration);
        Log.StoreReady(app.Logger, provider);
        var reporting = app.Services.GetRequiredService<IOptions<ReportingOptions>>().Value;
        if (reporting.ApiKeys.Count == 0)
        {
            Log.ReportingOpen(app.Logger);
        }

        Log.ReportingReady(app.Logger, reporting.TimeZone, reporting.ApiKeys.Count);
        if (reporting.ApiKeys.Count(key => key.Length < 16) is > 0 and var shortKeys)
        {
            Log.ShortApiKeys(app.Logger, shortKeys);
        }
        return app;
    }

    /// <summary>Registers Playtrail's services and options.</summary>
    public static IServiceCollection AddPlaytrailServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = ProviderName(configuration);
        switch (providerName)
        {
            case SqliteProvider:
                services.AddPlaytrailSqliteStore(configuration);
                break;
            case PostgresProvider:
                services.AddPlaytrailPostgresStore(configuration);
                break;
            case var unknown:
                throw new InvalidOperationException(
                    $"Storage:Provider '{unknown}' is not a known storage provider; use '{SqliteProvider}' (the default) or '{PostgresProvider}'.");
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section)).ValidateDataAnnotations()
            .Validate(options => options.IdempotencyWindow > TimeSpan.Zero, "Ingestion:IdempotencyWindow must be positive.")
            .PostConfigure(options => options.AnswerClosesBeforeProcessing ??= providerName == SqliteProvider)
            .ValidateOnStart();
        services.AddOptions<SessionTimeoutOptions>().Bind(configuration.GetSection(SessionTimeoutOptions.Section))
            .Validate(options => options.Problem() is null, "Sessions options are invalid: each timeout and interval must be positive.")
            .ValidateOnStart();
        services.AddOptions<ReportingOptions>().Bind(configuration.GetSection(ReportingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportingOptions>, ReportingOptionsValidator>();
        services.AddSingleton(provider => ReportZone.Of(provider.GetRequiredService<IOptions<ReportingOptions>>().Value.TimeZone));
        services.AddSingleton<ReportingAccess>();
        services.AddSingleton<UploadCounter>();
        services.AddSingleton<UploadCountFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<UploadCountFlusher>());
        services.AddOptions<AdmissionOptions>().Bind(configuration.GetSection(AdmissionOptions.Section)).ValidateDataAnnotations()
            .Validate(options => options.Problem() is null, "Ingestion:Admission options are invalid: TargetDelay must be positive, " +
                "LatencyBudget longer than TargetDelay and RetryAfter at least one second.")
            .ValidateOnStart();
        services.AddOptions<MemoryOptions>().Bind(configuration.GetSection(MemoryOptions.Section))
            .Validate(options => options.IdleBeforeTrim > TimeSpan.Zero, "Memory:IdleBeforeTrim must be positive.").ValidateOnStart();
        services.AddSingleton<IdleMemoryTrimmer>();
        services.AddHostedService(provider => provider.GetRequiredService<IdleMemoryTrimmer>());
        services.AddSingleton<AdmissionGate>();
        services.AddIngestionRateLimiter(configuration);
        services.AddSingleton<IngestionHandler>();
        services.AddOptions<EdgeOptions>().Bind(configuration.GetSection(EdgeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EdgeOptions>, EdgeOptionsValidator>();
        services.AddSingleton<EdgeCors>();
        services.AddSingleton<EdgeHandler>();
        services.AddPlaytrailTelemetry(configuration, postgres: providerName == PostgresProvider);
        services.AddSingleton<SessionProcessingService>();
        services.AddSingleton<ClosedSessionQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<ClosedSessionQueue>());
        services.AddSingleton<SessionSweeper>();
        services.AddPlaytrailOpenApi();
        services.AddHostedService(provider => provider.GetRequiredService<SessionSweeper>());
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default));
        return services;
    }

    /// <summary>The configured provider in lower case; <see cref="SqliteProvider"/> when none is set.</summary>
    private static string ProviderName(IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"];
        return string.IsNullOrWhiteSpace(provider) ? SqliteProvider : provider.Trim().ToLowerInvariant();
    }
}
