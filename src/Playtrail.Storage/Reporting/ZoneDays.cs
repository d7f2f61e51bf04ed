namespace Playtrail.Storage.Reporting;

/// <summary>
/// The days <c>from</c> to <c>to</c> of a time zone as UTC instants: where each day starts, which day an instant falls
/// in. A day starts at the first instant whose local date is that day: local midnight, or the end of the gap when the
/// clocks skip midnight, or the first of two midnights when they repeat it; daylight-saving days last 23 or 25 hours.
/// Boundaries are floored to the quarter-hour. Nearly every offset of the tz database since the early twentieth century
/// is a whole number of quarter-hours; the exceptions since 1970 are Africa/Monrovia until 1972 (-0:44:30) and
/// Pacific/Kiritimati until October 1979 (-10:40), whose days then start up to 14 minutes early, as do the
/// local-mean-time days of earlier dates everywhere.
/// </summary>
public sealed class ZoneDays
{
    private readonly DateOnly _from;
    private readonly long[]? _boundaries;
    private readonly long _fixedOffset;

    private ZoneDays(DateOnly from, int count, long[]? boundaries, long fixedOffset)
    {
        _from = from;
        Count = count;
        _boundaries = boundaries;
        _fixedOffset = fixedOffset;
    }

    /// <summary>How many days the range holds.</summary>
    public int Count { get; }

    /// <summary>The first instant of the first day.</summary>
    public long Start => Boundary(0);

    /// <summary>The instant after the last day (exclusive).</summary>
    public long End => Boundary(Count);

    /// <summary>
    /// The start of every day and the end of the last, in order; for a zone with one offset for ever, only the range's
    /// ends and one day start, since every other start is that one plus whole days.
    /// </summary>
    public IEnumerable<long> Boundaries => _boundaries ?? (IEnumerable<long>)[Boundary(0), Boundary(Math.Min(1, Count)), Boundary(Count)];

    /// <summary>The days of <paramref name="zone"/> from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static ZoneDays Create(TimeZoneInfo zone, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (to < from)
        {
            throw new ArgumentException("The range ends before it starts.", nameof(to));
        }

        var count = to.DayNumber - from.DayNumber + 1;
        if (zone.GetAdjustmentRules().Length == 0)
        {
            // One offset for ever (UTC, Etc/GMT+5): days are arithmetic, whatever the range's length.
            return new ZoneDays(from, count, null, (long)zone.BaseUtcOffset.TotalMilliseconds);
        }

        var boundaries = new long[count + 1];
        for (var i = 0; i <= count; i++)
        {
            var day = i == count && to == DateOnly.MaxValue ? (DateOnly?)null : from.AddDays(i);
            var boundary = day is { } date ? DayStart(zone, date) : RollupPeriods.EndOfTime;
            // A clock that falls back across midnight could put a day's start before the previous one's: keep them ordered.
            boundaries[i] = i > 0 ? Math.Max(boundary, boundaries[i - 1]) : boundary;
        }

        return new ZoneDays(from, count, boundaries, 0);
    }

    /// <summary>The local date of <paramref name="instant"/> in <paramref name="zone"/>, for any instant.</summary>
    public static DateOnly DateOf(TimeZoneInfo zone, long instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + (RollupPeriods.Clamp(instant) * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        var offset = zone.GetUtcOffset(utc);
        var ticks = Math.Clamp(utc.Ticks + offset.Ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
        return DateOnly.FromDateTime(new DateTime(ticks, DateTimeKind.Unspecified));
    }

    /// <summary>The position (0 for the first day) of the day holding <paramref name="instant"/>, which must lie in the range.</summary>
    public int IndexOf(long instant)
    {
        if (_boundaries is null)
        {
            var day = RollupPeriods.Of(RollupLevel.Day, instant + _fixedOffset);
            return RollupPeriods.Date(day).DayNumber - _from.DayNumber;
        }

        var index = Array.BinarySearch(_boundaries, instant);
        return index >= 0 ? Math.Min(index, Count - 1) : ~index - 1;
    }

    /// <summary>The date of the day at <paramref name="index"/>.</summary>
    public DateOnly Day(int index) => _from.AddDays(index);

    private long Boundary(int index)
    {
        if (_boundaries is not null)
        {
            return _boundaries[index];
        }

        if (index == Count && _from.AddDays(Count - 1) == DateOnly.MaxValue)
        {
            return RollupPeriods.EndOfTime;
        }

        var start = RollupPeriods.StartOf(_from.AddDays(index)) - _fixedOffset;
        return Math.Clamp(RollupPeriods.FloorToQuarter(start), RollupPeriods.MinTimestamp, RollupPeriods.EndOfTime);
    }

    /// <summary>The first instant whose local date in <paramref name="zone"/> is <paramref name="date"/>, on a quarter-hour.</summary>
    private static long DayStart(TimeZoneInfo zone, DateOnly date)
    {
        var midnight = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var localMilliseconds = RollupPeriods.StartOf(date);
        long start;
        if (zone.IsInvalidTime(midnight))
        {
            start = FirstInstantAtOrAfter(zone, localMilliseconds);
        }
        else if (zone.IsAmbiguousTime(midnight))
        {
            // Midnight happens twice: the day starts at the first, under the larger (earlier) offset.
            start = localMilliseconds - (long)zone.GetAmbiguousTimeOffsets(midnight).Max().TotalMilliseconds;
        }
        else
        {
            start = localMilliseconds - (long)zone.GetUtcOffset(midnight).TotalMilliseconds;
        }

        return Math.Clamp(RollupPeriods.FloorToQuarter(start), RollupPeriods.MinTimestamp, RollupPeriods.EndOfTime);
    }

    /// <summary>
    /// Midnight was skipped: the day starts when the clocks jump, the first instant whose local time is at or after
    /// midnight. Offsets lie within -12 h and +14 h, so that instant is within a day of the midnight read as UTC.
    /// </summary>
    private static long FirstInstantAtOrAfter(TimeZoneInfo zone, long localMilliseconds)
    {
        long low = localMilliseconds - (15 * RollupPeriods.HourMilliseconds), high = localMilliseconds + (13 * RollupPeriods.HourMilliseconds);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (LocalMilliseconds(zone, middle) >= localMilliseconds)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static long LocalMilliseconds(TimeZoneInfo zone, long instant)
    {
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + (RollupPeriods.Clamp(instant) * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
        return instant + (long)zone.GetUtcOffset(utc).TotalMilliseconds;
    }
}
