namespace Playtrail.Client.Online;

/// <summary>Exponential back-off with jitter, so clients that failed together do not retry together.</summary>
internal static class RetryDelay
{
    /// <param name="retry">0 for the first retry.</param>
    /// <param name="retryAfter">The server's wish, honoured up to the cap.</param>
    /// <param name="baseDelay">The first retry's nominal delay.</param>
    /// <param name="maxDelay">The cap.</param>
    /// <param name="jitter">A number in [0, 1).</param>
    public static TimeSpan Compute(int retry, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        var nominal = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 16));
        var jittered = nominal * (0.5 + (jitter / 2));
        var wanted = Math.Max(jittered, retryAfter?.TotalMilliseconds ?? 0);
        return TimeSpan.FromMilliseconds(Math.Min(wanted, maxDelay.TotalMilliseconds));
    }
}
