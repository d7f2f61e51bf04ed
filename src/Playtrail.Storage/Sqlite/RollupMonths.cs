namespace Playtrail.Storage.Sqlite;

/// <summary>Rollup months are stored as whole months since January 1970 (UTC), compact and ordered.</summary>
internal static class RollupMonths
{
    public static int ToNumber(DateOnly day) => (day.Year - 1970) * 12 + day.Month - 1;

    public static int FromDayNumber(int dayNumber) => ToNumber(RollupDays.FromNumber(dayNumber));
}
