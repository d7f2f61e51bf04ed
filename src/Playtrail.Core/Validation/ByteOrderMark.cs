namespace Playtrail.Core.Validation;

/// <summary>
/// Some clients and editors start UTF-8 text with a byte order mark. JSON readers reject it, so payloads
/// are read from just after it.
/// </summary>
public static class ByteOrderMark
{
    /// <summary>The number of leading bytes that are a UTF-8 byte order mark (3 or 0).</summary>
    public static int Length(ReadOnlySpan<byte> payload) => payload.StartsWith("\uFEFF"u8) ? 3 : 0;
}
