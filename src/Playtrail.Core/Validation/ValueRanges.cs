namespace Playtrail.Core.Validation;

/// <summary>
/// The ranges every accepted number lies in. The validator refuses values outside them, the JSON Schemas publish
/// them, and the processor, the rollups and the report writers rely on them: with every input inside these
/// bounds, every sum, product and ratio they compute stays finite and every timestamp is a valid date.
/// </summary>
public static class ValueRanges
{
    /// <summary>The earliest <c>playerTime.ts</c> accepted: the Unix epoch, 1970-01-01T00:00:00Z.</summary>
    public const long MinTimestamp = 0;

    /// <summary>
    /// The latest <c>playerTime.ts</c> accepted: 2099-12-31T23:59:59.999Z. A device clock beyond it is broken, and
    /// the bound keeps a timestamp shifted by any time zone or rounded to any report period a valid date.
    /// </summary>
    public const long MaxTimestamp = 4_102_444_799_999;

    /// <summary>
    /// The largest magnitude of any other number (playheads, lengths, offsets, QoE values, indexes): 10^13. Wide
    /// enough for a live playhead sent in epoch milliseconds; small enough that a value multiplied by any span of
    /// accepted timestamps, or summed over any number of sessions, stays finite and an integer fits a 64-bit one.
    /// </summary>
    public const double MaxMagnitude = 1e13;
}
