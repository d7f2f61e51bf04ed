namespace Playtrail.Storage.Reporting;

/// <summary>
/// The periods <paramref name="First"/> to <paramref name="Last"/> (inclusive) of one rollup level, or, when
/// <see cref="Only"/> is set, just those periods of the level (scattered periods read by key, not by range).
/// </summary>
internal readonly record struct PeriodRange(RollupLevel Level, long First, long Last)
{
    /// <summary>When set, the range is these periods only (ascending, between <see cref="First"/> and <see cref="Last"/>).</summary>
    public long[]? Only { get; init; }
}
