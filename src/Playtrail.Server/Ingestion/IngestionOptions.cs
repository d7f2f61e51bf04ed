using System.ComponentModel.DataAnnotations;
using Playtrail.Core.Validation;

namespace Playtrail.Server.Ingestion;

/// <summary>Limits and windows of the ingestion routes (configuration section <c>Ingestion</c>).</summary>
public sealed class IngestionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ingestion";

    /// <summary>Default largest single event, alone or inside a downloaded array: 64 KiB.</summary>
    public const int DefaultMaxEventBytes = ValidationLimits.DefaultMaxEventBytes;

    /// <summary>Default largest downloaded session body: 16 MiB (about 100,000 pings).</summary>
    public const int DefaultMaxDownloadedSessionBytes = 16 * 1024 * 1024;

    /// <summary>Largest event, after gzip decoding: the body of an online route, or one element of a downloaded array. Larger gets 413.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxEventBytes { get; set; } = DefaultMaxEventBytes;

    /// <summary>Largest body of a downloaded session array, after gzip decoding. Larger bodies get 413.</summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public int MaxDownloadedSessionBytes { get; set; } = DefaultMaxDownloadedSessionBytes;

    /// <summary>Most events in one downloaded session. More gets 413 (rule <c>maxEvents</c>).</summary>
    [Range(1, 10_000_000)]
    public int MaxDownloadedEvents { get; set; } = ValidationLimits.DefaultMaxEvents;

    /// <summary>Longest string value in an event, in characters once unescaped. Longer gets 400 (rule <c>maxLength</c>).</summary>
    [Range(64, 1024 * 1024)]
    public int MaxStringLength { get; set; } = ValidationLimits.DefaultMaxStringLength;

    /// <summary>The validator's limits these options set.</summary>
    internal ValidationLimits Limits() =>
        new() { MaxEventBytes = MaxEventBytes, MaxEvents = MaxDownloadedEvents, MaxStringLength = MaxStringLength };

    /// <summary>How long a repeated downloaded upload is recognised and answered with its original 201.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// When true, an online session's closing event is answered once it is committed and the session is processed
    /// just after, off the request (docs/decisions/0022-closes-answered-before-processing.md); when false, the answer
    /// waits for processing. Unset (the default): true on SQLite, whose one node makes its reads wait for that
    /// processing, and false on PostgreSQL, where the next read may reach another node.
    /// </summary>
    public bool? AnswerClosesBeforeProcessing { get; set; }

    /// <summary>The most validation failures listed in one 400 response.</summary>
    [Range(1, 10_000)]
    public int MaxErrors { get; set; } = 100;
}
