using System.Net.Http.Headers;

namespace Playtrail.Client.Offline;

/// <summary>How a response is classified and how long to wait before the next attempt.</summary>
internal static class UploadPolicy
{
    /// <summary>2xx delivers; 408, 429 and 5xx (and anything unexpected) are transient; other 4xx are a refusal that retrying cannot fix.</summary>
    public static UploadOutcome Classify(int status) => status switch
    {
        >= 200 and < 300 => UploadOutcome.Delivered,
        408 or 429 => UploadOutcome.Transient,
        >= 400 and < 500 => UploadOutcome.Refused,
        _ => UploadOutcome.Transient,
    };

    /// <summary>
    /// Exponential back-off for the <paramref name="attempt"/>-th failure (1-based), with "equal jitter": between half
    /// and all of base × 2^(attempt-1), capped. The floor keeps retries from bunching at zero; the jitter spreads a fleet.
    /// </summary>
    public static TimeSpan Backoff(int attempt, TimeSpan backoffBase, TimeSpan cap, double random)
    {
        var exponent = Math.Min(Math.Max(attempt, 1) - 1, 30);
        var raw = Math.Min(backoffBase.TotalMilliseconds * Math.Pow(2, exponent), cap.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(raw * (0.5 + (0.5 * random)));
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or an HTTP date) as a wait from <paramref name="now"/>, capped; null when absent.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now, TimeSpan cap)
    {
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (wait is not { } value)
        {
            return null;
        }

        return value < TimeSpan.Zero ? TimeSpan.Zero : value > cap ? cap : value;
    }
}
