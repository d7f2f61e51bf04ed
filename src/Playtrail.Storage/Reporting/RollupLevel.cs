namespace Playtrail.Storage.Reporting;

/// <summary>
/// The time buckets rollups are kept in, all in UTC: a quarter-hour, an hour, a day, a ten-day period of a month and a calendar
/// month. Each level's
/// boundaries are boundaries of every finer level, so a range cut at coarse boundaries can be finished with finer rows.
/// </summary>
internal enum RollupLevel
{
    /// <summary>Quarter-hours since 1970-01-01T00:00Z.</summary>
    Quarter,

    /// <summary>Hours since 1970-01-01T00:00Z.</summary>
    Hour,

    /// <summary>UTC days since 1970-01-01.</summary>
    Day,

    /// <summary>
    /// Ten-day periods (dekads) of a UTC month since January 1970 (days 1-10, 11-20, 21 to the month's end): whole days nested in a month,
    /// so a 30-day window by content reads about twelve periods instead of thirty days.
    /// </summary>
    Dekad,

    /// <summary>UTC calendar months since January 1970.</summary>
    Month,
}
