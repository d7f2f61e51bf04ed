namespace Playtrail.Core.Processing;

/// <summary>The params of an <c>adBreakStart</c> (fact sheet 3.3).</summary>
internal sealed record AdBreakInfo(long PodIndex, double PodSecond, string? PodFriendlyName);
