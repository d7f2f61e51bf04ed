using System.Security.Cryptography;

namespace Playtrail.Server.Ingestion;

/// <summary>Server-generated session ids: 64 lowercase hex characters, creation time then 208 random bits; unguessable.</summary>
internal static class SessionIds
{
    public const int Length = 64;

    private const string Digits = "0123456789abcdef";

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create(Digits);

    /// <summary>The hex digits at the start of an id that hold its creation time.</summary>
    public const int TimeDigits = 12;

    /// <summary>
    /// A new id created at <paramref name="now"/>: its creation time in milliseconds since the Unix epoch (48 bits, 12 hex
    /// digits), then 208 random bits. Ids made later sort after those made earlier, so the sessions open at any moment sit
    /// together at the end of every index keyed by session id (on PostgreSQL, that of the events) instead of across all
    /// of it (docs/decisions/0023-time-ordered-session-ids.md).
    /// </summary>
    public static string New(DateTimeOffset now) => string.Create(Length, now.ToUnixTimeMilliseconds(), static (id, milliseconds) =>
    {
        var time = (ulong)milliseconds;
        for (var digit = TimeDigits - 1; digit >= 0; digit--)
        {
            id[digit] = Digits[(int)(time & 0xF)];
            time >>= 4;
        }

        RandomNumberGenerator.GetHexString(id[TimeDigits..], lowercase: true);
    });

    /// <summary>True when <paramref name="value"/> has the shape of a session id, so anything else is a 404 without a lookup.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length == Length && !value.AsSpan().ContainsAnyExcept(HexDigits);
}
