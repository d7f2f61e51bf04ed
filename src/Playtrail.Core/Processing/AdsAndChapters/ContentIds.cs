using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Playtrail.Core.Processing;

/// <summary>
/// The derived pod and chapter ids: <c>MD5(media.id)</c> in lower-case hex, <c>_</c>, then the pod or chapter index
/// (the legacy heartbeat formula; the 2026 docs describe another formula only vaguely:
/// docs/reference/media-collection-api.md#ad-break-params, docs/reference/media-collection-api.md#chapter-params).
/// </summary>
internal static class ContentIds
{
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "MD5 is the legacy id format analytics customers already report on; it protects nothing.")]
    public static string Prefix(string mediaId) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(mediaId))) + "_";

    public static string Id(string prefix, long index) => prefix + index.ToString(CultureInfo.InvariantCulture);
}
