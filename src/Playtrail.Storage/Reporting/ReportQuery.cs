namespace Playtrail.Storage.Reporting;

/// <summary>How report rows are grouped.</summary>
public enum ReportGrouping
{
    /// <summary>One row for the whole range (key <c>total</c>).</summary>
    Total,

    /// <summary>By the day the content was watched, in the report's time zone (key <c>yyyy-MM-dd</c>).</summary>
    Day,

    /// <summary>By content id.</summary>
    Media,

    /// <summary>By content type.</summary>
    ContentType,

    /// <summary>Downloaded against online (keys <c>downloaded</c>, <c>online</c>).</summary>
    Downloaded,
}

/// <summary>Which sessions a report counts; null fields do not filter.</summary>
/// <param name="ContentType">Only this content type.</param>
/// <param name="Downloaded">Only downloaded (true) or only online (false) sessions.</param>
/// <param name="MediaId">Only this content.</param>
public sealed record ReportFilter(string? ContentType = null, bool? Downloaded = null, string? MediaId = null)
{
    /// <summary>No filter.</summary>
    public static ReportFilter None { get; } = new();
}

/// <summary>
/// A report over the sessions watched from the start of day <paramref name="From"/> to the end of day
/// <paramref name="To"/> in <paramref name="TimeZone"/> (a session is placed by its first event's time).
/// </summary>
public sealed record ReportQuery(DateOnly From, DateOnly To, TimeZoneInfo TimeZone, ReportGrouping GroupBy, ReportFilter Filter);

/// <summary>One group of a report.</summary>
/// <param name="Key">The group: a day (yyyy-MM-dd), a content id, a content type, downloaded/online, or <c>total</c>.</param>
/// <param name="Measures">The summed measures.</param>
/// <param name="Lateness">Histogram of the downloaded sessions' lateness: <c>LatenessHistogram</c> bucket → sessions.</param>
public sealed record ReportRow(string Key, Measures Measures, IReadOnlyDictionary<int, long> Lateness);

/// <summary>Downloaded sessions watched on one day and received on another (days in the report's time zone).</summary>
/// <param name="Watched">The day the content was watched.</param>
/// <param name="Received">The day the upload arrived.</param>
/// <param name="Sessions">Downloaded sessions.</param>
/// <param name="TimePlayed">Their seconds of main content played.</param>
public sealed record ArrivalCell(DateOnly Watched, DateOnly Received, long Sessions, double TimePlayed);
