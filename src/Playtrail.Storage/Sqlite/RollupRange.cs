namespace Playtrail.Storage.Sqlite;

/// <summary>
/// A date range cut for the per-content rollups: whole calendar months are read from the monthly table, and only
/// the days before the first whole month (<see cref="HeadFrom"/>..<see cref="HeadTo"/>) and after the last one
/// (<see cref="TailFrom"/>..<see cref="TailTo"/>) from the daily table. A year then reads about twelve rows per
/// content instead of 365. Parts with nothing to read have a start after their end, so the same
/// <c>BETWEEN</c> statement returns no row for them.
/// </summary>
/// <param name="HeadFrom">First day (days since 1970-01-01) read day by day before the whole months.</param>
/// <param name="HeadTo">Last day of that part.</param>
/// <param name="MonthFrom">First whole month (months since 1970-01).</param>
/// <param name="MonthTo">Last whole month.</param>
/// <param name="TailFrom">First day read day by day after the whole months.</param>
/// <param name="TailTo">Last day of that part.</param>
internal readonly record struct RollupRange(int HeadFrom, int HeadTo, int MonthFrom, int MonthTo, int TailFrom, int TailTo)
{
    /// <summary>Cuts the inclusive range <paramref name="from"/>..<paramref name="to"/>.</summary>
    public static RollupRange Split(DateOnly from, DateOnly to)
    {
        var firstWholeMonth = from.Day == 1 ? StartOfMonth(from) : NextMonth(from);
        var lastWholeMonthEnd = to == DateOnly.MaxValue || to.AddDays(1).Day == 1 ? to : PreviousMonthEnd(to);
        if (from > to || firstWholeMonth is null || lastWholeMonthEnd is null || firstWholeMonth > lastWholeMonthEnd)
        {
            // No whole month inside: every day is read from the daily table.
            return new RollupRange(RollupDays.ToNumber(from), RollupDays.ToNumber(to), 1, 0, 1, 0);
        }

        return new RollupRange(
            RollupDays.ToNumber(from),
            RollupDays.ToNumber(firstWholeMonth.Value) - 1,
            RollupMonths.ToNumber(firstWholeMonth.Value),
            RollupMonths.ToNumber(lastWholeMonthEnd.Value),
            RollupDays.ToNumber(lastWholeMonthEnd.Value) + 1,
            RollupDays.ToNumber(to));
    }

    private static DateOnly StartOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>The first day of the month after <paramref name="day"/>'s, or null past the calendar's end.</summary>
    private static DateOnly? NextMonth(DateOnly day) =>
        day.Year == DateOnly.MaxValue.Year && day.Month == 12 ? null : StartOfMonth(day).AddMonths(1);

    /// <summary>The last day of the month before <paramref name="day"/>'s, or null before the calendar's start.</summary>
    private static DateOnly? PreviousMonthEnd(DateOnly day) =>
        day.Year == DateOnly.MinValue.Year && day.Month == 1 ? null : StartOfMonth(day).AddDays(-1);
}
