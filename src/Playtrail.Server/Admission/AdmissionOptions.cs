using System.ComponentModel.DataAnnotations;

namespace Playtrail.Server.Admission;

/// <summary>How the ingestion routes shed load (configuration section <c>Ingestion:Admission</c>).</summary>
public sealed class AdmissionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion:Admission";

    /// <summary>False turns shedding off: writes then wait for the store however long it takes (the queue bound still holds).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The store wait (queue, commit and answer) that shedding aims at. Above it, a growing share of new writes is
    /// answered 503 at once, before its body is read.
    /// </summary>
    public TimeSpan TargetDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The longest a write may wait for the store before it runs. A write still queued after this is dropped unrun
    /// and answered 503, so every write route answers within about this long whatever the load.
    /// </summary>
    public TimeSpan LatencyBudget { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most ingestion requests in progress at once; beyond it, new ones get 503 at once.</summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentRequests { get; set; } = 4096;

    /// <summary>
    /// The most downloaded uploads in progress at once (each holds its whole body in memory, up to
    /// <c>Ingestion:MaxDownloadedSessionBytes</c>); beyond it, new ones get 503 at once.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentUploads { get; set; } = 32;

    /// <summary>The <c>Retry-After</c> sent with every 503 of shedding.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first problem with the values, or null when they are usable.</summary>
    internal string? Problem() =>
        TargetDelay <= TimeSpan.Zero ? "Ingestion:Admission:TargetDelay must be positive."
        : LatencyBudget <= TargetDelay ? "Ingestion:Admission:LatencyBudget must be longer than TargetDelay."
        : RetryAfter < TimeSpan.FromSeconds(1) ? "Ingestion:Admission:RetryAfter must be at least one second (Retry-After counts whole seconds)."
        : null;
}
