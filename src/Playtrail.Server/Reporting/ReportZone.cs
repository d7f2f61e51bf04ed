using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Reporting;

/// <summary>
/// The operator's report time zone (<c>Reporting:TimeZone</c>): which instants a report day covers, and which day an
/// instant is on, as the store's rollups place them (<see cref="ZoneDays"/>).
/// </summary>
internal sealed class ReportZone
{
    private ReportZone(TimeZoneInfo zone) => Zone = zone;

    /// <summary>The zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>The IANA id.</summary>
    public string Id => Zone.Id;

    /// <summary>The zone of <paramref name="id"/>; throws for an unknown id (options are validated at start-up).</summary>
    public static ReportZone Of(string id) =>
        TryFind(id, out var zone) ? new ReportZone(zone) : throw new InvalidOperationException($"Unknown time zone '{id}'.");

    /// <summary>Finds a zone by IANA id.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The day <paramref name="instant"/> falls on in the zone.</summary>
    public DateOnly DayOf(DateTimeOffset instant) => ZoneDays.DateOf(Zone, instant.ToUnixTimeMilliseconds());

    /// <summary>
    /// The first instant of <paramref name="day"/> in the zone: its local midnight, or, where a clock change skips
    /// midnight, the first local time that exists that day; where midnight happens twice, the earlier one.
    /// </summary>
    public DateTimeOffset StartOf(DateOnly day) => Instant(ZoneDays.Create(Zone, day, day).Start);

    /// <summary>The instants [start, end) of the days <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Range(DateOnly from, DateOnly to)
    {
        var days = ZoneDays.Create(Zone, from, to);
        return (Instant(days.Start), Instant(days.End));
    }

    /// <summary>An epoch-millisecond instant, held inside what <see cref="DateTimeOffset"/> can hold.</summary>
    private static DateTimeOffset Instant(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(milliseconds, DateTimeOffset.MinValue.ToUnixTimeMilliseconds(), DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
}
