namespace Playtrail.Client;

/// <summary>
/// Where the on-device store of downloaded sessions lives and how much it may hold. Defaults follow the peers
/// (Snowplow, Application Insights, Bitmovin): enough for weeks of offline viewing, never unbounded.
/// </summary>
public sealed class DeviceStoreOptions
{
    /// <summary>Default <see cref="MaxSessions"/>: 100 sessions, a long flight's worth of episodes several times over.</summary>
    public const int DefaultMaxSessions = 100;

    /// <summary>Default <see cref="MaxEventsPerSession"/>: 10 000, a three-hour film with 10 s pings plus an hour of 1 s ad pings.</summary>
    public const int DefaultMaxEventsPerSession = 10_000;

    /// <summary>Default <see cref="MaxBytes"/>: 50 MiB of event JSON (Application Insights' disk cap).</summary>
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    /// <summary>Default <see cref="MaxAge"/>: 30 days (Snowplow's cap); older sessions are evicted undelivered.</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(30);

    /// <summary>
    /// The SQLite file. Put it in a durable app-data folder (not a cache or temp folder the OS may clear), one per
    /// process that records.
    /// </summary>
    public string Path { get; set; } = "";

    /// <summary>Most sessions kept (open, ready and dead-lettered); beginning one more evicts the oldest.</summary>
    public int MaxSessions { get; set; } = DefaultMaxSessions;

    /// <summary>Most events stored per session; later events are dropped and counted, except the closing one.</summary>
    public int MaxEventsPerSession { get; set; } = DefaultMaxEventsPerSession;

    /// <summary>Most bytes of stored event JSON; going over evicts the oldest whole sessions.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Sessions begun longer ago than this are evicted, delivered or not.</summary>
    public TimeSpan MaxAge { get; set; } = DefaultMaxAge;

    /// <summary>What a committed event survives; <see cref="StoreDurability.SurvivesAppKill"/> by default.</summary>
    public StoreDurability Durability { get; set; } = StoreDurability.SurvivesAppKill;

    /// <summary>Throws when the options cannot work, so bad configuration fails at start-up rather than on the first event.</summary>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("DeviceStoreOptions.Path must name the store's SQLite file.", nameof(Path));
        }

        if (MaxSessions < 1)
        {
            throw new ArgumentException("DeviceStoreOptions.MaxSessions must be at least 1.", nameof(MaxSessions));
        }

        if (MaxEventsPerSession < 2)
        {
            throw new ArgumentException("DeviceStoreOptions.MaxEventsPerSession must be at least 2 (a start and an end).", nameof(MaxEventsPerSession));
        }

        if (MaxBytes < 1024)
        {
            throw new ArgumentException("DeviceStoreOptions.MaxBytes must be at least 1 KiB.", nameof(MaxBytes));
        }

        if (MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException("DeviceStoreOptions.MaxAge must be positive.", nameof(MaxAge));
        }

        if (Durability is not (StoreDurability.SurvivesAppKill or StoreDurability.SurvivesPowerLoss))
        {
            throw new ArgumentException("DeviceStoreOptions.Durability is not a known value.", nameof(Durability));
        }
    }
}
