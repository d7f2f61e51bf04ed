using CsCheck;
using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Tests.Reporting;

public sealed class RollupDecompositionTests
{
    private static readonly RollupLevel[] PerContent = [RollupLevel.Quarter, RollupLevel.Day, RollupLevel.Dekad, RollupLevel.Month];
    private static readonly RollupLevel[] Totals = [RollupLevel.Quarter, RollupLevel.Hour, RollupLevel.Day];

    private static readonly string[] Zones =
    [
        "UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns",
        "Australia/Lord_Howe", "Pacific/Chatham", "America/Havana", "Australia/Adelaide", "Pacific/Apia", "Asia/Tehran",
    ];

    [Fact]
    public void ZoneDays_OfAnyZoneAndRange_AreCoveredQuarterByQuarterExactlyOnce_ByBothTableSets()
    {
        var zone = Gen.Int[0, Zones.Length - 1].Select(index => TimeZoneInfo.FindSystemTimeZoneById(Zones[index]));
        // Days from 1990 to 2040, ranges of a day to about three years.
        var range = Gen.Select(Gen.Int[7305, 25567], Gen.Int[0, 1100]).Select((start, length) =>
            (From: DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber + start), Days: length));

        Gen.Select(zone, range).Sample((tz, r) =>
        {
            var days = ZoneDays.Create(tz, r.From, r.From.AddDays(r.Days));
            foreach (var levels in new[] { PerContent, Totals })
            {
                var ranges = RollupDecomposition.Decompose(days.Start, days.End, levels);

                AssertCoversEachQuarterOnce(ranges, days.Start, days.End);
                foreach (var level in levels)
                {
                    Assert.True(ranges.Count(part => part.Level == level) <= 2, $"{level}: more than two ranges");
                }
            }
        }, iter: 400);
    }

    [Fact]
    public void Decompose_ThreeParisDaysInJanuary_AreAnHourTwoUtcDaysAndTwentyThreeHours()
    {
        // Paris is UTC+1 in January: 2025-01-10 .. 2025-01-12 is [2025-01-09T23:00Z, 2025-01-12T23:00Z).
        var days = ZoneDays.Create(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 12));

        var ranges = RollupDecomposition.Decompose(days.Start, days.End, Totals);

        Assert.Equal(
            [
                new PeriodRange(RollupLevel.Hour, Hour(2025, 1, 9, 23), Hour(2025, 1, 9, 23)),
                new PeriodRange(RollupLevel.Day, Day(2025, 1, 10), Day(2025, 1, 11)),
                new PeriodRange(RollupLevel.Hour, Hour(2025, 1, 12, 0), Hour(2025, 1, 12, 22)),
            ],
            ranges);
    }

    [Fact]
    public void Decompose_ThreeKolkataDays_StartAndEndWithTwoQuarterHours()
    {
        // Kolkata is UTC+05:30: 2025-01-10 .. 2025-01-12 is [2025-01-09T18:30Z, 2025-01-12T18:30Z).
        var days = ZoneDays.Create(TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"), new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 12));

        var ranges = RollupDecomposition.Decompose(days.Start, days.End, Totals);

        Assert.Equal(
            [
                new PeriodRange(RollupLevel.Quarter, Hour(2025, 1, 9, 18) * 4 + 2, Hour(2025, 1, 9, 18) * 4 + 3),
                new PeriodRange(RollupLevel.Hour, Hour(2025, 1, 9, 19), Hour(2025, 1, 9, 23)),
                new PeriodRange(RollupLevel.Day, Day(2025, 1, 10), Day(2025, 1, 11)),
                new PeriodRange(RollupLevel.Hour, Hour(2025, 1, 12, 0), Hour(2025, 1, 12, 17)),
                new PeriodRange(RollupLevel.Quarter, Hour(2025, 1, 12, 18) * 4, Hour(2025, 1, 12, 18) * 4 + 1),
            ],
            ranges);
    }

    [Fact]
    public void Decompose_ThirtyUtcDaysAcrossTwoMonths_ByContent_ReadsTwelvePeriodsNotThirtyDays()
    {
        var days = ZoneDays.Create(TimeZoneInfo.Utc, new DateOnly(2026, 6, 2), new DateOnly(2026, 7, 1));

        var ranges = RollupDecomposition.Decompose(days.Start, days.End, PerContent);

        Assert.Equal(
            [
                new PeriodRange(RollupLevel.Day, Day(2026, 6, 2), Day(2026, 6, 10)),
                new PeriodRange(RollupLevel.Dekad, (((2026 - 1970) * 12) + 5) * 3 + 1, (((2026 - 1970) * 12) + 5) * 3 + 2),
                new PeriodRange(RollupLevel.Day, Day(2026, 7, 1), Day(2026, 7, 1)),
            ],
            ranges);
    }

    [Fact]
    public void Decompose_TheWholeCalendar_ReadsWholeMonthsWithoutOverflowing()
    {
        var ranges = RollupDecomposition.Decompose(RollupPeriods.MinTimestamp, RollupPeriods.EndOfTime, PerContent);

        var month = Assert.Single(ranges);
        Assert.Equal(RollupLevel.Month, month.Level);
        Assert.Equal(RollupPeriods.Of(RollupLevel.Month, RollupPeriods.MinTimestamp), month.First);
        Assert.Equal(RollupPeriods.Of(RollupLevel.Month, RollupPeriods.MaxTimestamp), month.Last);
    }

    [Theory]
    [InlineData("UTC", "Day")]
    [InlineData("Europe/Paris", "Hour")]
    [InlineData("America/New_York", "Hour")]
    [InlineData("Asia/Kolkata", "Quarter")]
    [InlineData("Asia/Kathmandu", "Quarter")]
    [InlineData("Australia/Lord_Howe", "Quarter")]
    public void CoarsestAligned_OfAYearOfZoneDays_IsTheDayOnlyInUtcAndTheHourOnlyInWholeHourZones(string zoneId, string level)
    {
        var expected = Enum.Parse<RollupLevel>(level);
        var days = ZoneDays.Create(TimeZoneInfo.FindSystemTimeZoneById(zoneId), new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));

        Assert.Equal(expected, RollupDecomposition.CoarsestAligned(days.Boundaries, Totals));
    }

    private static void AssertCoversEachQuarterOnce(List<PeriodRange> ranges, long start, long end)
    {
        var covered = new List<(long From, long To)>();
        foreach (var range in ranges)
        {
            Assert.True(range.First <= range.Last, $"empty range {range}");
            covered.Add((RollupPeriods.Start(range.Level, range.First), RollupPeriods.Start(range.Level, range.Last + 1)));
        }

        covered.Sort();
        var at = start;
        foreach (var (from, to) in covered)
        {
            // Contiguous, no overlap, no gap: every quarter-hour of [start, end) exactly once.
            Assert.Equal(at, from);
            Assert.True(to > from);
            at = to;
        }

        Assert.Equal(end, at);
    }

    private static long Hour(int year, int month, int day, int hour) =>
        new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() / RollupPeriods.HourMilliseconds;

    private static long Day(int year, int month, int day) =>
        new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() / RollupPeriods.DayMilliseconds;
}
