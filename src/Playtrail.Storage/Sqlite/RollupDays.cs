namespace Playtrail.Storage.Sqlite;

/// <summary>Rollup days are stored as whole days since 1970-01-01 (UTC), compact and ordered.</summary>
internal static class RollupDays
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    public static int ToNumber(DateOnly day) => day.DayNumber - EpochDayNumber;

    public static DateOnly FromNumber(long number) => DateOnly.FromDayNumber(checked((int)number + EpochDayNumber));
}
