using System.Security.Cryptography;
using System.Text;
using Playtrail.Core.Events;

namespace Playtrail.Storage.Privacy;

/// <summary>
/// The lookup keys of the <c>session_visitors</c> table: the SHA-256 of an identifier's UTF-8 bytes. The table holds
/// these digests rather than the identifiers, so the index adds no readable copy of them (docs/security.md).
/// </summary>
internal static class VisitorKeys
{
    /// <summary>The key of one identifier.</summary>
    public static byte[] Of(string visitorId)
    {
        ArgumentNullException.ThrowIfNull(visitorId);
        return SHA256.HashData(Encoding.UTF8.GetBytes(visitorId));
    }

    /// <summary>The keys of every identifier in a validated <c>sessionStart</c> event's JSON; empty when it names none.</summary>
    public static byte[][] FromSessionStart(ReadOnlySpan<byte> sessionStartJson)
    {
        var identifiers = VisitorIdentifiers.Read(sessionStartJson);
        var keys = new byte[identifiers.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = Of(identifiers[i]);
        }

        return keys;
    }
}
