namespace Playtrail.Server.Reporting;

/// <summary>How reports are placed in days and who may read them (configuration section <c>Reporting</c>).</summary>
public sealed class ReportingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Reporting";

    /// <summary>The default time zone of report days.</summary>
    public const string DefaultTimeZone = "UTC";

    /// <summary>The default time a dashboard login lasts.</summary>
    public static readonly TimeSpan DefaultLoginLifetime = TimeSpan.FromDays(7);

    /// <summary>The IANA id of the time zone report days belong to, as a report suite's (e.g. <c>Europe/Paris</c>).</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>
    /// Keys that open the reporting API, the dashboard and the exports. Empty: they are open to anyone who can reach
    /// the server (said at start-up and in the dashboard header). Ingestion is open either way.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>How long the dashboard's login cookie stays valid.</summary>
    public TimeSpan LoginLifetime { get; set; } = DefaultLoginLifetime;

    /// <summary>The configured problems, empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (!ReportZone.TryFind(TimeZone, out _))
        {
            problems.Add($"Reporting:TimeZone '{TimeZone}' is not a known IANA time zone id (for example UTC, Europe/Paris, America/New_York).");
        }

        if (ApiKeys.Any(key => string.IsNullOrWhiteSpace(key) || key.Trim() != key))
        {
            problems.Add("Reporting:ApiKeys must not hold empty keys or keys with leading or trailing spaces.");
        }

        if (LoginLifetime <= TimeSpan.Zero)
        {
            problems.Add("Reporting:LoginLifetime must be positive.");
        }

        return problems;
    }
}
