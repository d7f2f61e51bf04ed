using System.Diagnostics.Metrics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Playtrail.Server.Operations;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Hosting;

/// <summary>
/// The OpenTelemetry pipeline: the server's meter and ASP.NET Core's own metrics, exported as Prometheus text at
/// <c>GET /metrics</c> and by OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; spans (the server's, ASP.NET Core's
/// and, on PostgreSQL, Npgsql's) only when OTLP is set, since nothing else would receive them. The OpenTelemetry SDK
/// reads the other standard <c>OTEL_*</c> variables (protocol, headers, export interval, service name) from
/// configuration itself.
/// </summary>
internal static class TelemetryRegistration
{
    private const string DefaultServiceName = "playtrail-server";

    /// <summary>ASP.NET Core's meters that are worth their cost per request: request durations and Kestrel's connections.</summary>
    private static readonly string[] AspNetCoreMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static IServiceCollection AddPlaytrailTelemetry(this IServiceCollection services, IConfiguration configuration, bool postgres)
    {
        services.AddMetrics();
        services.AddSingleton<ServerMetrics>();
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        var otlp = !string.IsNullOrWhiteSpace(configuration[TelemetryOptions.OtlpEndpointKey]);
        var serviceNameSet = !string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource =>
        {
            if (!serviceNameSet)
            {
                resource.AddService(DefaultServiceName);
            }
        });
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(ServerMetrics.MeterName).AddMeter(AspNetCoreMeters)
                .AddPrometheusExporter(prometheus =>
                {
                    // Series are named as before OpenTelemetry (no scope labels), and a scrape sees every write answered before it.
                    prometheus.ScopeInfoEnabled = false;
                    prometheus.ScrapeResponseCacheDurationMilliseconds = 0;
                });
            ((IDeferredMeterProviderBuilder)metrics).Configure(static (provider, builder) =>
            {
                // Meters are found by name in the whole process; a host's provider exports only the instruments made by
                // its own meter factory, so two servers in one process (tests, a host of several apps) never mix counts.
                var own = provider.GetRequiredService<IMeterFactory>();
                builder.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
                    ? null
                    : MetricStreamConfiguration.Drop);
            });
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(ServerTelemetry.SourceName, StoreActivities.SourceName)
                    .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"));
                if (postgres)
                {
                    tracing.AddNpgsql();
                }

                tracing.AddOtlpExporter();
            });
        }

        return services;
    }
}
