namespace Playtrail.Client;

/// <summary>
/// Settings of a <see cref="PlaytrailClient"/>. Defaults follow the Media Collection API and Adobe's SDKs;
/// <see cref="Validate"/> runs when the client is created, so a bad setting fails at start-up, not mid-session.
/// </summary>
public sealed class PlaytrailClientOptions
{
    /// <summary>Pings every 10 s in main content, as the API prescribes.</summary>
    public static readonly TimeSpan DefaultMainPingInterval = TimeSpan.FromSeconds(10);

    /// <summary>Pings every second while an ad plays.</summary>
    public static readonly TimeSpan DefaultAdPingInterval = TimeSpan.FromSeconds(1);

    /// <summary>A session paused or idle for 30 minutes is ended; the next play resumes it as a new session.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Adobe's SDKs give a request 5 s.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(5);

    /// <summary>First retry delay; later ones double, with jitter.</summary>
    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>No retry waits longer than this, whatever <c>Retry-After</c> says.</summary>
    public static readonly TimeSpan DefaultMaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>While the probe says offline, look again at least this often.</summary>
    public static readonly TimeSpan DefaultOfflineRecheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>How long disposing the client waits for queued online events and stored downloaded sessions to go out.</summary>
    public static readonly TimeSpan DefaultShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Three retries after the first attempt, then the event is dropped and counted.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>At most 1000 events wait in memory per online session; more are dropped and counted.</summary>
    public const int DefaultMaxQueuedEvents = 1000;

    /// <summary>The longest string value a Playtrail server accepts by default (its <c>Ingestion:MaxStringLength</c>).</summary>
    public const int DefaultMaxStringLength = 2048;

    /// <summary>The Playtrail (or Media Collection API) server, e.g. <c>https://media.example.com/</c>; a path prefix is kept.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>Analytics tracking server (<c>analytics.trackingServer</c>), required by the API.</summary>
    public string TrackingServer { get; set; } = "";

    /// <summary>Analytics report suite id (<c>analytics.reportSuite</c>), required by the API.</summary>
    public string ReportSuite { get; set; } = "";

    /// <summary>Organisation id such as <c>0123456789@AdobeOrg</c> (<c>visitor.marketingCloudOrgId</c>), required by the API.</summary>
    public string OrganizationId { get; set; } = "";

    /// <summary>Player name (<c>media.playerName</c>, also the ad player name), required by the API.</summary>
    public string PlayerName { get; set; } = "";

    /// <summary>Distribution channel, app or site (<c>media.channel</c>), required by the API.</summary>
    public string Channel { get; set; } = "";

    /// <summary>Player or app version (<c>media.sdkVersion</c>), optional.</summary>
    public string? AppVersion { get; set; }

    /// <summary>Unique per app and device (<c>appInstallationId</c>), optional. Not logged.</summary>
    public string? AppInstallationId { get; set; }

    /// <summary>Ping interval in main content.</summary>
    public TimeSpan MainPingInterval { get; set; } = DefaultMainPingInterval;

    /// <summary>Ping interval while an ad plays.</summary>
    public TimeSpan AdPingInterval { get; set; } = DefaultAdPingInterval;

    /// <summary>How long a session may stay paused, buffering or not yet started before the tracker ends it.</summary>
    public TimeSpan IdleTimeout { get; set; } = DefaultIdleTimeout;

    /// <summary>Time allowed for one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>Retries of one request after transient failures (network, 408, 429, 5xx).</summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>First retry delay.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    /// <summary>Upper bound of any retry delay, <c>Retry-After</c> included.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DefaultMaxRetryDelay;

    /// <summary>Backstop for a connectivity probe that never reports coming back online.</summary>
    public TimeSpan OfflineRecheckInterval { get; set; } = DefaultOfflineRecheckInterval;

    /// <summary>Events waiting in memory per online session.</summary>
    public int MaxQueuedEvents { get; set; } = DefaultMaxQueuedEvents;

    /// <summary>
    /// How long disposing the client may take to deliver what is pending: queued online events, and the downloaded
    /// sessions in the device store that are due (those the disposal itself ends among them). Zero: disposal sends
    /// nothing more and stored sessions wait for the next start.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = DefaultShutdownTimeout;

    /// <summary>
    /// The longest string value the SDK sends, in characters (a surrogate pair counts as one, as on the server).
    /// Longer values built from the app's input (media name and metadata, custom metadata values, ad, ad break and
    /// chapter names, error ids) are cut to this length and counted in <see cref="ClientDiagnostics.StringsTruncated"/>, because
    /// the server refuses any event holding a longer one. Set it to the server's <c>Ingestion:MaxStringLength</c> when
    /// that is changed; 64 to 1,048,576, the server's own range.
    /// </summary>
    public int MaxStringLength { get; set; } = DefaultMaxStringLength;

    /// <summary>
    /// The on-device store for <see cref="TrackingMode.Downloaded"/> sessions (at least its <c>Path</c>). Null: the
    /// client has no store, and a downloaded tracker records nothing (and logs why).
    /// </summary>
    public DeviceStoreOptions? DownloadedStore { get; set; }

    /// <summary>How stored downloaded sessions are uploaded; defaults when null.</summary>
    public UploaderOptions? Uploader { get; set; }

    internal PlaytrailClientOptions Copy() => (PlaytrailClientOptions)MemberwiseClone();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        var problem =
            ServerUrl is null || !ServerUrl.IsAbsoluteUri ? "ServerUrl must be an absolute http(s) URL."
            : ServerUrl.Scheme != Uri.UriSchemeHttp && ServerUrl.Scheme != Uri.UriSchemeHttps ? "ServerUrl must be http or https."
            : string.IsNullOrWhiteSpace(TrackingServer) ? "TrackingServer is required by the Media Collection API."
            : string.IsNullOrWhiteSpace(ReportSuite) ? "ReportSuite is required by the Media Collection API."
            : string.IsNullOrWhiteSpace(OrganizationId) ? "OrganizationId is required by the Media Collection API."
            : string.IsNullOrWhiteSpace(PlayerName) ? "PlayerName is required by the Media Collection API."
            : string.IsNullOrWhiteSpace(Channel) ? "Channel is required by the Media Collection API."
            : MainPingInterval < TimeSpan.FromSeconds(1) ? "MainPingInterval must be at least 1 s."
            : AdPingInterval < TimeSpan.FromMilliseconds(100) ? "AdPingInterval must be at least 100 ms."
            : IdleTimeout <= TimeSpan.Zero ? "IdleTimeout must be positive."
            : RequestTimeout <= TimeSpan.Zero ? "RequestTimeout must be positive."
            : MaxRetries < 0 || MaxRetries > 20 ? "MaxRetries must be between 0 and 20."
            : RetryBaseDelay < TimeSpan.Zero ? "RetryBaseDelay must not be negative."
            : MaxRetryDelay < RetryBaseDelay ? "MaxRetryDelay must be at least RetryBaseDelay."
            : OfflineRecheckInterval <= TimeSpan.Zero ? "OfflineRecheckInterval must be positive."
            : MaxQueuedEvents < 10 ? "MaxQueuedEvents must be at least 10."
            : ShutdownTimeout < TimeSpan.Zero ? "ShutdownTimeout must not be negative."
            : MaxStringLength < 64 || MaxStringLength > 1_048_576 ? "MaxStringLength must be between 64 and 1048576."
            : null;
        if (problem is not null)
        {
            throw new ArgumentException(problem, "options");
        }

        DownloadedStore?.Validate();
        Uploader?.Validate();
    }
}
