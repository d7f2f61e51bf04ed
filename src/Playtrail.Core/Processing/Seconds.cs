namespace Playtrail.Core.Processing;

/// <summary>
/// Durations are summed as whole milliseconds of <c>ts</c> and turned into seconds once, when reported, so
/// 32385 ms reads 32.385 rather than a sum of rounded fractions.
/// </summary>
internal static class Seconds
{
    public static double Of(long milliseconds) => milliseconds / 1000.0;
}
