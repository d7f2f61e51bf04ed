namespace Playtrail.Core.Processing;

/// <summary>The params of an <c>adBreakStart</c> (docs/reference/media-collection-api.md#ad-break-params).</summary>
internal sealed record AdBreakInfo(long PodIndex, double PodSecond, string? PodFriendlyName);
