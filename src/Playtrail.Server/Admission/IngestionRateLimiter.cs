using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Playtrail.Server.Ingestion;
using Playtrail.Server.Operations;

namespace Playtrail.Server.Admission;

/// <summary>
/// The per-client rate limit of the ingestion routes, on ASP.NET Core's rate limiting middleware: a token bucket
/// per client address, refilled every 100 ms, with no queue; a refused request gets 429 with <c>Retry-After</c>
/// and a problem document.
/// </summary>
internal static class IngestionRateLimiter
{
    /// <summary>The policy the ingestion route group requires.</summary>
    public const string Policy = "ingestion";

    private static readonly TimeSpan Refill = TimeSpan.FromMilliseconds(100);

    public static IServiceCollection AddIngestionRateLimiter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) =>
        {
            var limits = options.Value;
            limiter.AddPolicy(Policy, context => Partition(context, limits));
            limiter.OnRejected = OnRejectedAsync;
        });
        return services;
    }

    /// <summary>The bucket a request draws from: one per client address, none for loopback or when the limit is off.</summary>
    internal static RateLimitPartition<IPAddress> Partition(HttpContext context, RateLimitOptions limits)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (limits.PermitsPerSecond == 0 || (limits.ExemptLoopback && IPAddress.IsLoopback(address)))
        {
            return RateLimitPartition.GetNoLimiter(IPAddress.Loopback);
        }

        return RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(limits.Burst, 1),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(limits.PermitsPerSecond * Refill.TotalSeconds)),
            ReplenishmentPeriod = Refill,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        context.RequestServices.GetRequiredService<ServerMetrics>().RateLimited();
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        await ProblemResult.Of(StatusCodes.Status429TooManyRequests, "rateLimited", "Too many requests from this client.",
                "This client address sent more requests than the per-client rate limit allows; retry after the delay in Retry-After.", retryAfter)
            .ExecuteAsync(context).ConfigureAwait(false);
    }
}
