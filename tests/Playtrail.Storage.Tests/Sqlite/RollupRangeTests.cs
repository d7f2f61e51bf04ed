using Playtrail.Storage.Sqlite;

namespace Playtrail.Storage.Tests.Sqlite;

public sealed class RollupRangeTests
{
    [Fact]
    public void Split_OfAYearNotOnMonthBoundaries_ReadsElevenWholeMonthsAndTheEdgeDays()
    {
        var range = RollupRange.Split(new DateOnly(2025, 7, 15), new DateOnly(2026, 7, 14));

        Assert.Equal(Day(2025, 7, 15), range.HeadFrom);
        Assert.Equal(Day(2025, 7, 31), range.HeadTo);
        Assert.Equal(Month(2025, 8), range.MonthFrom);
        Assert.Equal(Month(2026, 6), range.MonthTo);
        Assert.Equal(Day(2026, 7, 1), range.TailFrom);
        Assert.Equal(Day(2026, 7, 14), range.TailTo);
    }

    [Fact]
    public void Split_OfWholeMonths_ReadsNoDay()
    {
        var range = RollupRange.Split(new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29));

        Assert.True(range.HeadFrom > range.HeadTo);
        Assert.Equal((Month(2024, 2), Month(2024, 2)), (range.MonthFrom, range.MonthTo));
        Assert.True(range.TailFrom > range.TailTo);
    }

    [Theory]
    [InlineData(2024, 1, 15, 2024, 2, 10)] // spans two months, neither whole
    [InlineData(2024, 3, 2, 2024, 3, 31)] // one month without its first day
    [InlineData(2024, 3, 1, 2024, 3, 30)] // one month without its last day
    public void Split_WithoutAWholeMonth_ReadsEveryDayFromTheDailyRollups(int fromYear, int fromMonth, int fromDay, int toYear, int toMonth, int toDay)
    {
        var from = new DateOnly(fromYear, fromMonth, fromDay);
        var to = new DateOnly(toYear, toMonth, toDay);

        var range = RollupRange.Split(from, to);

        Assert.Equal((RollupDays.ToNumber(from), RollupDays.ToNumber(to)), (range.HeadFrom, range.HeadTo));
        Assert.True(range.MonthFrom > range.MonthTo);
        Assert.True(range.TailFrom > range.TailTo);
    }

    [Fact]
    public void Split_OfTheWholeCalendar_DoesNotOverflow()
    {
        var range = RollupRange.Split(DateOnly.MinValue, DateOnly.MaxValue);

        Assert.Equal(RollupMonths.ToNumber(DateOnly.MinValue), range.MonthFrom);
        Assert.Equal(RollupMonths.ToNumber(DateOnly.MaxValue), range.MonthTo);
        Assert.True(range.HeadFrom > range.HeadTo);
        Assert.True(range.TailFrom > range.TailTo);
    }

    [Theory]
    [InlineData(9999, 12, 2, 9999, 12, 31)]
    [InlineData(1, 1, 1, 1, 1, 30)]
    public void Split_AtTheCalendarsEdges_FallsBackToDays(int fromYear, int fromMonth, int fromDay, int toYear, int toMonth, int toDay)
    {
        var from = new DateOnly(fromYear, fromMonth, fromDay);
        var to = new DateOnly(toYear, toMonth, toDay);

        var range = RollupRange.Split(from, to);

        Assert.Equal((RollupDays.ToNumber(from), RollupDays.ToNumber(to)), (range.HeadFrom, range.HeadTo));
        Assert.True(range.MonthFrom > range.MonthTo);
    }

    [Fact]
    public void Split_EveryRangeOfAYear_CoversEachDayExactlyOnce()
    {
        var first = new DateOnly(2023, 12, 1);
        for (var start = 0; start < 90; start += 7)
        {
            for (var length = 0; length < 400; length += 13)
            {
                var from = first.AddDays(start);
                var to = from.AddDays(length);
                var range = RollupRange.Split(from, to);

                var covered = new List<int>();
                covered.AddRange(Days(range.HeadFrom, range.HeadTo));
                for (var month = range.MonthFrom; month <= range.MonthTo; month++)
                {
                    // Every day of a month read from the monthly table, whether or not it is in the range.
                    var monthStart = new DateOnly(1970 + (month / 12), (month % 12) + 1, 1);
                    covered.AddRange(Days(RollupDays.ToNumber(monthStart), RollupDays.ToNumber(monthStart.AddMonths(1)) - 1));
                }

                covered.AddRange(Days(range.TailFrom, range.TailTo));
                Assert.Equal(Days(RollupDays.ToNumber(from), RollupDays.ToNumber(to)), covered.Order());
            }
        }
    }

    private static IEnumerable<int> Days(int from, int to) => from > to ? [] : Enumerable.Range(from, to - from + 1);

    private static int Day(int year, int month, int day) => RollupDays.ToNumber(new DateOnly(year, month, day));

    private static int Month(int year, int month) => RollupMonths.ToNumber(new DateOnly(year, month, 1));
}
