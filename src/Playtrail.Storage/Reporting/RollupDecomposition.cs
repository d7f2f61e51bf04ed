namespace Playtrail.Storage.Reporting;

/// <summary>
/// Cuts an instant range into whole periods of the levels a table set keeps: the coarsest periods inside the range,
/// then finer ones for its head and tail, down to quarter-hours. A month of days in a zone is then a few quarter-hours,
/// a few hours or days and whole months, never a quarter-hour scan. At most one range of the coarsest level and two of
/// each finer level come out, and every quarter-hour of the range is in exactly one of them.
/// </summary>
internal static class RollupDecomposition
{
    /// <summary>
    /// Decomposes [<paramref name="start"/>, <paramref name="end"/>), both on quarter-hour boundaries, into ranges of
    /// <paramref name="levels"/> (finest first; the finest must be <see cref="RollupLevel.Quarter"/>).
    /// </summary>
    public static List<PeriodRange> Decompose(long start, long end, ReadOnlySpan<RollupLevel> levels)
    {
        if (levels.IsEmpty || levels[0] != RollupLevel.Quarter)
        {
            throw new ArgumentException("The finest level must be the quarter-hour.", nameof(levels));
        }

        if (start % RollupPeriods.QuarterMilliseconds != 0 || end % RollupPeriods.QuarterMilliseconds != 0)
        {
            throw new ArgumentException("A decomposed range starts and ends on quarter-hours.");
        }

        var ranges = new List<PeriodRange>(2 * levels.Length);
        Add(start, end, levels, ranges);
        return ranges;
    }

    /// <summary>
    /// The coarsest of <paramref name="levels"/> (finest first) on whose boundaries every one of
    /// <paramref name="instants"/> falls; the finest level when none is coarser.
    /// </summary>
    public static RollupLevel CoarsestAligned(IEnumerable<long> instants, ReadOnlySpan<RollupLevel> levels)
    {
        var coarsest = levels.Length - 1;
        foreach (var instant in instants)
        {
            while (coarsest > 0 && RollupPeriods.Start(levels[coarsest], RollupPeriods.Of(levels[coarsest], instant)) != instant
                && instant != RollupPeriods.EndOfTime)
            {
                coarsest--;
            }
        }

        return levels[coarsest];
    }

    private static void Add(long start, long end, ReadOnlySpan<RollupLevel> levels, List<PeriodRange> ranges)
    {
        if (start >= end)
        {
            return;
        }

        var level = levels[^1];
        if (levels.Length == 1)
        {
            ranges.Add(new PeriodRange(level, RollupPeriods.Of(level, start), RollupPeriods.Of(level, end - 1)));
            return;
        }

        var first = RollupPeriods.FirstStartingAtOrAfter(level, start);
        var firstStart = RollupPeriods.Start(level, first);
        // The last boundary at or before the end: the period holding end - 1 starts there, or the end itself is one.
        var afterLast = RollupPeriods.FirstStartingAtOrAfter(level, end) is var atEnd && RollupPeriods.Start(level, atEnd) == end
            ? atEnd
            : RollupPeriods.Of(level, end - 1);
        var afterLastStart = RollupPeriods.Start(level, afterLast);
        if (firstStart >= afterLastStart)
        {
            Add(start, end, levels[..^1], ranges);
            return;
        }

        Add(start, firstStart, levels[..^1], ranges);
        ranges.Add(new PeriodRange(level, first, afterLast - 1));
        Add(afterLastStart, end, levels[..^1], ranges);
    }
}
