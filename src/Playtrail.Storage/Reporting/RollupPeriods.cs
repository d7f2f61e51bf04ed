namespace Playtrail.Storage.Reporting;

/// <summary>
/// Period numbers of the rollup levels, computed with integer arithmetic from epoch milliseconds. Timestamps are first
/// clamped to the calendar .NET can name (0001-01-01 to 9999-12-31 UTC): a device clock far in the future still counts,
/// in the last quarter-hour of 9999, instead of failing its session's processing.
/// </summary>
internal static class RollupPeriods
{
    public const long QuarterMilliseconds = 900_000;
    public const long HourMilliseconds = 3_600_000;
    public const long DayMilliseconds = 86_400_000;

    /// <summary>0001-01-01T00:00:00.000Z in epoch milliseconds.</summary>
    public const long MinTimestamp = -62_135_596_800_000;

    /// <summary>9999-12-31T23:59:59.999Z in epoch milliseconds.</summary>
    public const long MaxTimestamp = 253_402_300_799_999;

    /// <summary>The instant just after the last one a rollup can hold: the end of every open-ended range.</summary>
    public const long EndOfTime = MaxTimestamp + 1;

    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary><paramref name="timestamp"/> limited to [<see cref="MinTimestamp"/>, <see cref="MaxTimestamp"/>].</summary>
    public static long Clamp(long timestamp) => Math.Clamp(timestamp, MinTimestamp, MaxTimestamp);

    /// <summary>The period of <paramref name="level"/> that holds <paramref name="timestamp"/> (clamped first).</summary>
    public static long Of(RollupLevel level, long timestamp)
    {
        var clamped = Clamp(timestamp);
        return level switch
        {
            RollupLevel.Quarter => FloorDivide(clamped, QuarterMilliseconds),
            RollupLevel.Hour => FloorDivide(clamped, HourMilliseconds),
            RollupLevel.Day => FloorDivide(clamped, DayMilliseconds),
            RollupLevel.Dekad => DekadOf(Date(FloorDivide(clamped, DayMilliseconds))),
            _ => MonthOf(Date(FloorDivide(clamped, DayMilliseconds))),
        };
    }

    /// <summary>
    /// The first instant of <paramref name="period"/>; <see cref="EndOfTime"/> for a period past the calendar's end and
    /// <see cref="MinTimestamp"/> for one before its start, so range arithmetic at the edges never overflows.
    /// </summary>
    public static long Start(RollupLevel level, long period)
    {
        if (level is RollupLevel.Month or RollupLevel.Dekad)
        {
            var month = level == RollupLevel.Month ? period : FloorDivide(period, 3);
            var year = 1970 + FloorDivide(month, 12);
            if (year > 9999)
            {
                return EndOfTime;
            }

            if (year < 1)
            {
                return MinTimestamp;
            }

            var firstDay = new DateOnly((int)year, (int)(month - ((year - 1970) * 12)) + 1, 1);
            var dekadDays = level == RollupLevel.Dekad ? 10 * (period - (month * 3)) : 0;
            return (firstDay.DayNumber - EpochDayNumber + dekadDays) * DayMilliseconds;
        }

        var size = Size(level);
        if (period > MaxTimestamp / size)
        {
            return EndOfTime;
        }

        return period < MinTimestamp / size ? MinTimestamp : period * size;
    }

    /// <summary>The first period of <paramref name="level"/> that starts at or after <paramref name="instant"/>.</summary>
    public static long FirstStartingAtOrAfter(RollupLevel level, long instant)
    {
        var period = Of(level, instant);
        return Start(level, period) < instant ? period + 1 : period;
    }

    /// <summary>The UTC day (days since 1970-01-01) as a date.</summary>
    public static DateOnly Date(long day) => DateOnly.FromDayNumber((int)(day + EpochDayNumber));

    /// <summary>The first instant of a UTC date.</summary>
    public static long StartOf(DateOnly date) => (long)(date.DayNumber - EpochDayNumber) * DayMilliseconds;

    /// <summary>Floors <paramref name="instant"/> to its quarter-hour.</summary>
    public static long FloorToQuarter(long instant) => FloorDivide(instant, QuarterMilliseconds) * QuarterMilliseconds;

    private static long Size(RollupLevel level) => level switch
    {
        RollupLevel.Quarter => QuarterMilliseconds,
        RollupLevel.Hour => HourMilliseconds,
        _ => DayMilliseconds,
    };

    private static long MonthOf(DateOnly date) => ((date.Year - 1970) * 12L) + date.Month - 1;

    /// <summary>Days 1-10 are a month's first dekad, 11-20 its second, the rest its third.</summary>
    private static long DekadOf(DateOnly date) => (MonthOf(date) * 3) + Math.Min((date.Day - 1) / 10, 2);

    private static long FloorDivide(long value, long divisor)
    {
        var quotient = Math.DivRem(value, divisor, out var remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
