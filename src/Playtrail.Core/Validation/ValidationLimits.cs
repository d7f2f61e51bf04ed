namespace Playtrail.Core.Validation;

/// <summary>
/// The most work one payload may ask for. Each limit is far above what real players send, and low enough that no single
/// request can make validation, storage or reporting slow for everyone else.
/// </summary>
public sealed record ValidationLimits
{
    /// <summary>
    /// Default longest string value: 2,048 characters. The longest values real players send are ad creative URLs,
    /// which browsers and ad servers keep within about 2,000 characters; names and ids are a few dozen.
    /// </summary>
    public const int DefaultMaxStringLength = 2048;

    /// <summary>
    /// Default largest event: 64 KiB of JSON. A full <c>sessionStart</c> with every standard key and a few dozen custom
    /// metadata entries is 2 to 4 KiB.
    /// </summary>
    public const int DefaultMaxEventBytes = 64 * 1024;

    /// <summary>
    /// Default most events in one downloaded session: 20,000, over 50 hours of content at one ping every 10 seconds,
    /// with its ads, pauses and state changes. Downloaded content is rarely longer than a few hours.
    /// </summary>
    public const int DefaultMaxEvents = 20_000;

    /// <summary>The limits used when none are given.</summary>
    public static ValidationLimits Default { get; } = new();

    /// <summary>
    /// The longest string value, in characters (Unicode scalar values) once unescaped: <c>params</c> strings, QoE error
    /// ids, customer ids, <c>customMetadata</c> keys and values. Longer is a 400 with rule <c>maxLength</c>.
    /// </summary>
    public int MaxStringLength { get; init; } = DefaultMaxStringLength;

    /// <summary>The largest event, in bytes of its JSON object as sent. Larger is a 413 with rule <c>maxEventBytes</c>.</summary>
    public int MaxEventBytes { get; init; } = DefaultMaxEventBytes;

    /// <summary>The most events in one downloaded session. More is a 413 with rule <c>maxEvents</c>.</summary>
    public int MaxEvents { get; init; } = DefaultMaxEvents;
}
