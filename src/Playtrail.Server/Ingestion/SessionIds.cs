using System.Security.Cryptography;

namespace Playtrail.Server.Ingestion;

/// <summary>Server-generated session ids: 256 random bits as 64 lowercase hex characters, unguessable.</summary>
internal static class SessionIds
{
    public const int Length = 64;

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string New() => RandomNumberGenerator.GetHexString(Length, lowercase: true);

    /// <summary>True when <paramref name="value"/> has the shape of a session id, so anything else is a 404 without a lookup.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length == Length && !value.AsSpan().ContainsAnyExcept(HexDigits);
}
