namespace Playtrail.Client;

/// <summary>How <see cref="Offline.SessionUploader"/> sends stored sessions and waits between attempts.</summary>
public sealed class UploaderOptions
{
    /// <summary>Default <see cref="BackoffBase"/>: 2 s before the first retry, doubling each time.</summary>
    public static readonly TimeSpan DefaultBackoffBase = TimeSpan.FromSeconds(2);

    /// <summary>Default <see cref="BackoffCap"/>: never wait more than 10 minutes between attempts.</summary>
    public static readonly TimeSpan DefaultBackoffCap = TimeSpan.FromMinutes(10);

    /// <summary>Default <see cref="RequestTimeout"/>: 60 s per upload.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Default <see cref="BackstopInterval"/>: look at the queue every 60 s even with no signal (Adobe's flush timer).</summary>
    public static readonly TimeSpan DefaultBackstopInterval = TimeSpan.FromSeconds(60);

    /// <summary>Default <see cref="ReconnectDelayMax"/>: a random wait of up to 10 s after the device comes back online.</summary>
    public static readonly TimeSpan DefaultReconnectDelayMax = TimeSpan.FromSeconds(10);

    /// <summary>Default <see cref="UploadPath"/>: the legacy route that takes a downloaded array.</summary>
    public const string DefaultUploadPath = "api/v1/sessions";

    /// <summary>Delay before the first retry; each later one doubles, with jitter (50-100 % of the value).</summary>
    public TimeSpan BackoffBase { get; set; } = DefaultBackoffBase;

    /// <summary>Longest wait between attempts, and the most a server's <c>Retry-After</c> is honoured.</summary>
    public TimeSpan BackoffCap { get; set; } = DefaultBackoffCap;

    /// <summary>How long one upload may take before it counts as a network failure and is retried.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>How often the background loop looks at the queue when nothing wakes it.</summary>
    public TimeSpan BackstopInterval { get; set; } = DefaultBackstopInterval;

    /// <summary>Upper bound of the random delay after connectivity returns, so a fleet coming online does not stampede. Zero to upload at once.</summary>
    public TimeSpan ReconnectDelayMax { get; set; } = DefaultReconnectDelayMax;

    /// <summary>Send bodies with <c>Content-Encoding: gzip</c> (on by default; event JSON compresses about tenfold).</summary>
    public bool Gzip { get; set; } = true;

    /// <summary>The route, relative to the server URL, that takes one downloaded session as a JSON array.</summary>
    public string UploadPath { get; set; } = DefaultUploadPath;

    /// <summary>Throws when the options cannot work.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (BackoffBase <= TimeSpan.Zero || BackoffCap < BackoffBase)
        {
            throw new ArgumentException("UploaderOptions.BackoffBase must be positive and no more than BackoffCap.", nameof(BackoffBase));
        }

        if (RequestTimeout <= TimeSpan.Zero || BackstopInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("UploaderOptions.RequestTimeout and BackstopInterval must be positive.", nameof(RequestTimeout));
        }

        if (ReconnectDelayMax < TimeSpan.Zero)
        {
            throw new ArgumentException("UploaderOptions.ReconnectDelayMax must not be negative.", nameof(ReconnectDelayMax));
        }

        if (string.IsNullOrWhiteSpace(UploadPath))
        {
            throw new ArgumentException("UploaderOptions.UploadPath must name the upload route.", nameof(UploadPath));
        }
    }
}
