namespace Playtrail.Client;

/// <summary>An ad break (pod): the params of <c>adBreakStart</c>.</summary>
/// <param name="PodIndex">Index of the break in the content (<c>media.ad.podIndex</c>), e.g. 0 for the pre-roll.</param>
/// <param name="PodSecond">Offset of the break in content seconds (<c>media.ad.podSecond</c>), 0 for the pre-roll.</param>
/// <param name="FriendlyName">Break name such as <c>pre-roll</c> (<c>media.ad.podFriendlyName</c>).</param>
public sealed record AdBreakInfo(int PodIndex, double PodSecond, string? FriendlyName = null);
