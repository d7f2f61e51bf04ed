using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Tests.Reporting;

public sealed class RollupPeriodsTests
{
    [Fact]
    public void Periods_OfAnInstant_AreItsQuarterHourHourDayAndMonthSince1970()
    {
        var instant = new DateTimeOffset(2025, 3, 9, 13, 47, 12, TimeSpan.Zero).ToUnixTimeMilliseconds();

        Assert.Equal(instant / 900_000, RollupPeriods.Of(RollupLevel.Quarter, instant));
        Assert.Equal(instant / 3_600_000, RollupPeriods.Of(RollupLevel.Hour, instant));
        Assert.Equal(instant / 86_400_000, RollupPeriods.Of(RollupLevel.Day, instant));
        Assert.Equal((55 * 12) + 2, RollupPeriods.Of(RollupLevel.Month, instant));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), RollupPeriods.Start(RollupLevel.Month, (55 * 12) + 2));
    }

    [Theory]
    [InlineData(2025, 2, 1, 0)]
    [InlineData(2025, 2, 10, 0)]
    [InlineData(2025, 2, 11, 1)]
    [InlineData(2025, 2, 20, 1)]
    [InlineData(2025, 2, 21, 2)]
    [InlineData(2025, 2, 28, 2)]
    [InlineData(2024, 12, 31, 2)]
    public void Dekads_AreDays1To10_11To20_AndTheRestOfTheMonth(int year, int month, int day, int part)
    {
        var instant = new DateTimeOffset(year, month, day, 23, 59, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var monthNumber = ((year - 1970) * 12L) + month - 1;

        var dekad = RollupPeriods.Of(RollupLevel.Dekad, instant);

        Assert.Equal((monthNumber * 3) + part, dekad);
        Assert.Equal(new DateTimeOffset(year, month, 1 + (10 * part), 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), RollupPeriods.Start(RollupLevel.Dekad, dekad));
    }

    [Theory]
    [InlineData(253_402_300_800_000)] // 10000-01-01T00:00Z
    [InlineData(long.MaxValue)]
    public void AnInstantPastYear9999_IsClampedToItsLastMillisecond_WithoutThrowing(long ts)
    {
        foreach (var level in Enum.GetValues<RollupLevel>())
        {
            Assert.Equal(RollupPeriods.Of(level, RollupPeriods.MaxTimestamp), RollupPeriods.Of(level, ts));
        }

        Assert.Equal(((9999 - 1970) * 12) + 11, RollupPeriods.Of(RollupLevel.Month, ts));
    }

    [Fact]
    public void ThePeriodAfterTheLastMonth_StartsAtTheEndOfTime()
    {
        var last = RollupPeriods.Of(RollupLevel.Month, RollupPeriods.MaxTimestamp);

        Assert.Equal(RollupPeriods.EndOfTime, RollupPeriods.Start(RollupLevel.Month, last + 1));
        Assert.Equal(RollupPeriods.EndOfTime, RollupPeriods.Start(RollupLevel.Quarter, RollupPeriods.Of(RollupLevel.Quarter, RollupPeriods.MaxTimestamp) + 1));
    }

    [Fact]
    public void Periods_BeforeTheEpoch_FloorDownward()
    {
        Assert.Equal(-1, RollupPeriods.Of(RollupLevel.Quarter, -1));
        Assert.Equal(-1, RollupPeriods.Of(RollupLevel.Month, -1));
        Assert.Equal(-900_000, RollupPeriods.Start(RollupLevel.Quarter, -1));
    }
}
