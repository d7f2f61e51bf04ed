using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Playtrail.Storage;

/// <summary>How long raw events are kept, bound from <c>Storage:Retention</c>. Sessions, reports and rollups are kept regardless.</summary>
public sealed class RawEventRetentionOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Storage:Retention";

    /// <summary>The default time between two retention passes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Raw events older than this are dropped: on PostgreSQL a whole month's partition at a time once all of that month
    /// is older; on SQLite in small batches, the events of processed sessions only. Unset (the default): raw events are
    /// kept forever.
    /// </summary>
    public TimeSpan? RawEvents { get; set; }

    /// <summary>Time between two retention passes.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;
}

/// <summary>Registers <see cref="RawEventRetentionOptions"/>, bound from <c>Storage:Retention</c> and checked at start-up.</summary>
internal static class RawEventRetentionRegistration
{
    public static IServiceCollection AddRawEventRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RawEventRetentionOptions>()
            .Bind(configuration.GetSection(RawEventRetentionOptions.SectionName))
            .Validate(options => options.RawEvents is null || options.RawEvents > TimeSpan.Zero, "Storage:Retention:RawEvents must be positive when set.")
            .Validate(options => options.Interval > TimeSpan.Zero, "Storage:Retention:Interval must be positive.")
            .ValidateOnStart();
        return services;
    }
}
