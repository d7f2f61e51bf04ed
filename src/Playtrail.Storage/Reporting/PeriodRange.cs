namespace Playtrail.Storage.Reporting;

/// <summary>The periods <paramref name="First"/> to <paramref name="Last"/> (inclusive) of one rollup level.</summary>
internal readonly record struct PeriodRange(RollupLevel Level, long First, long Last);
