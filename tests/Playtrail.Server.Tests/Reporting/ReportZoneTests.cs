using Playtrail.Server.Reporting;

namespace Playtrail.Server.Tests.Reporting;

public sealed class ReportZoneTests
{
    [Theory]
    [InlineData("UTC", "2026-03-10", "2026-03-10T00:00:00+00:00")]
    [InlineData("Asia/Kolkata", "2026-03-10", "2026-03-09T18:30:00+00:00")]
    [InlineData("Asia/Kathmandu", "2026-03-10", "2026-03-09T18:15:00+00:00")]
    [InlineData("America/St_Johns", "2026-01-10", "2026-01-10T03:30:00+00:00")]
    [InlineData("Europe/Paris", "2026-03-29", "2026-03-28T23:00:00+00:00")]
    [InlineData("Europe/Paris", "2026-03-30", "2026-03-29T22:00:00+00:00")]
    public void StartOf_IsTheZonesLocalMidnight(string zone, string day, string expected)
    {
        var start = ReportZone.Of(zone).StartOf(DateOnly.Parse(day));

        Assert.Equal(DateTimeOffset.Parse(expected), start);
    }

    [Fact]
    public void StartOf_ADayWhoseMidnightIsSkipped_IsItsFirstExistingMinute()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 2022-09-11: that day starts at 01:00 local (-03:00).
        var start = ReportZone.Of("America/Santiago").StartOf(new DateOnly(2022, 9, 11));

        Assert.Equal(new DateTimeOffset(2022, 9, 11, 1, 0, 0, TimeSpan.FromHours(-3)), start);
        Assert.Equal(new DateOnly(2022, 9, 11), ReportZone.Of("America/Santiago").DayOf(start));
    }

    [Fact]
    public void Range_OfADaylightSavingDay_Is23Hours()
    {
        var (start, end) = ReportZone.Of("Europe/Paris").Range(new DateOnly(2026, 3, 29), new DateOnly(2026, 3, 29));

        Assert.Equal(TimeSpan.FromHours(23), end - start);
    }

    [Theory]
    [InlineData("2026-03-10T18:29:59Z", "2026-03-10")]
    [InlineData("2026-03-10T18:30:00Z", "2026-03-11")]
    public void DayOf_PlacesAnInstantOnItsLocalDay(string instant, string day)
    {
        Assert.Equal(DateOnly.Parse(day), ReportZone.Of("Asia/Kolkata").DayOf(DateTimeOffset.Parse(instant)));
    }
}
