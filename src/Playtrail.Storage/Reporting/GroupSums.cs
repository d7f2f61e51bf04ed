namespace Playtrail.Storage.Reporting;

/// <summary>The running sums of one report group: its measures and its lateness histogram.</summary>
internal sealed class GroupSums
{
    public Measures Measures { get; } = new();

    public Dictionary<int, long>? Lateness { get; set; }

    public ReportRow ToRow(string key) => new(key, Measures, Lateness ?? []);
}
