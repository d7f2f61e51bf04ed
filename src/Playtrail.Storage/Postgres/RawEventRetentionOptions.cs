namespace Playtrail.Storage.Postgres;

/// <summary>How long raw events are kept, bound from <c>Storage:Retention</c>. Sessions, reports and rollups are kept regardless.</summary>
public sealed class RawEventRetentionOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Storage:Retention";

    /// <summary>The default time between two retention passes.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Raw events older than this are dropped, a whole month's partition at a time once all of that month is older.
    /// Unset (the default): raw events are kept forever.
    /// </summary>
    public TimeSpan? RawEvents { get; set; }

    /// <summary>Time between two retention passes.</summary>
    public TimeSpan Interval { get; set; } = DefaultInterval;
}
