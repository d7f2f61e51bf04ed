using Playtrail.Storage.Reporting;

namespace Playtrail.Storage.Tests.Reporting;

public sealed class ZoneDaysTests
{
    [Theory]
    [InlineData("2025-03-30", 23)] // Paris springs forward at 02:00
    [InlineData("2025-10-26", 25)] // and falls back at 03:00
    [InlineData("2025-06-15", 24)]
    public void ParisDays_LastTheirLocalLength(string date, int hours)
    {
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var days = ZoneDays.Create(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), day, day);

        Assert.Equal(hours * RollupPeriods.HourMilliseconds, days.End - days.Start);
    }

    [Theory]
    [InlineData("Asia/Kolkata", "2025-01-09T18:30Z")]
    [InlineData("Asia/Kathmandu", "2025-01-09T18:15Z")]
    [InlineData("America/St_Johns", "2025-01-10T03:30Z")]
    [InlineData("Pacific/Chatham", "2025-01-09T10:15Z")]
    [InlineData("Australia/Lord_Howe", "2025-01-09T13:00Z")]
    public void DayStart_IsLocalMidnight_InFractionalOffsetZones(string zoneId, string expectedUtc)
    {
        var days = ZoneDays.Create(TimeZoneInfo.FindSystemTimeZoneById(zoneId), new DateOnly(2025, 1, 10), new DateOnly(2025, 1, 10));

        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), days.Start);
    }

    [Fact]
    public void ADayWhoseMidnightIsSkipped_StartsWhenTheClocksJump()
    {
        // Havana springs forward from 00:00 (-05:00) to 01:00 (-04:00) on 2025-03-09: the day starts at 05:00Z and lasts 23 h.
        var days = ZoneDays.Create(TimeZoneInfo.FindSystemTimeZoneById("America/Havana"), new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 9));

        var boundaries = days.Boundaries.ToList();

        Assert.Equal(Utc("2025-03-08T05:00Z"), boundaries[0]);
        Assert.Equal(Utc("2025-03-09T05:00Z"), boundaries[1]);
        Assert.Equal(Utc("2025-03-10T04:00Z"), boundaries[2]);
        Assert.Equal(1, days.IndexOf(Utc("2025-03-09T05:00Z")));
        Assert.Equal(0, days.IndexOf(Utc("2025-03-09T04:59Z")));
    }

    [Fact]
    public void ADayTheZoneSkippedWhole_IsEmpty()
    {
        // Samoa crossed the date line after 2011-12-29: its 2011-12-30 never happened.
        var days = ZoneDays.Create(TimeZoneInfo.FindSystemTimeZoneById("Pacific/Apia"), new DateOnly(2011, 12, 29), new DateOnly(2011, 12, 31));

        var boundaries = days.Boundaries.ToList();

        Assert.Equal(Utc("2011-12-29T10:00Z"), boundaries[0]);
        Assert.Equal(Utc("2011-12-30T10:00Z"), boundaries[1]);
        Assert.Equal(boundaries[1], boundaries[2]);
        Assert.Equal(Utc("2011-12-31T10:00Z"), boundaries[3]);
    }

    [Fact]
    public void TheWholeCalendar_InUtc_IsEveryInstantARollupCanHold()
    {
        var days = ZoneDays.Create(TimeZoneInfo.Utc, DateOnly.MinValue, DateOnly.MaxValue);

        Assert.Equal((RollupPeriods.MinTimestamp, RollupPeriods.EndOfTime), (days.Start, days.End));
        Assert.Equal(DateOnly.MaxValue, days.Day(days.IndexOf(RollupPeriods.MaxTimestamp)));
    }

    [Theory]
    [InlineData("Europe/Paris", "2025-07-01T21:59Z", "2025-07-01")]
    [InlineData("Europe/Paris", "2025-07-01T22:00Z", "2025-07-02")]
    [InlineData("Asia/Kathmandu", "2025-07-01T18:14Z", "2025-07-01")]
    [InlineData("Asia/Kathmandu", "2025-07-01T18:15Z", "2025-07-02")]
    public void DateOf_IsTheLocalDate(string zoneId, string instant, string expected)
    {
        var date = ZoneDays.DateOf(TimeZoneInfo.FindSystemTimeZoneById(zoneId), Utc(instant));

        Assert.Equal(expected, date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static long Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
