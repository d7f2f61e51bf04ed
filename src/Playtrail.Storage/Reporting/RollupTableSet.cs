using System.Collections.Immutable;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// A family of rollup tables with one key and one table per level. Per content (key period, media_id, content_type,
/// downloaded) by quarter-hour, hour, UTC day, ten-day period of a month and UTC month, for rankings and a content's own report; totals without the
/// content id (period, content_type, downloaded) by quarter-hour, hour and UTC day, a few rows per period for everything
/// else. Every row holds every measure and, when downloaded, its lateness histogram (a JSON object bucket → sessions).
/// </summary>
internal sealed class RollupTableSet
{
    private RollupTableSet(string prefix, bool hasMediaId, ImmutableArray<RollupLevel> levels)
    {
        Prefix = prefix;
        HasMediaId = hasMediaId;
        Levels = levels;
        DayLevels = [.. levels.Where(level => level <= RollupLevel.Day)];
        KeyColumns = hasMediaId ? "period, media_id, content_type, downloaded" : "period, content_type, downloaded";
    }

    /// <summary>
    /// Per content: quarter-hours, hours, days, ten-day periods of months, months. The hours halve the rows a range read in any
    /// zone but UTC takes from its partial days at either end (quarter-hours are then read only for the half or
    /// quarter hour a +05:30 or +05:45 midnight cuts).
    /// </summary>
    public static RollupTableSet PerContent { get; } =
        new("report_media", hasMediaId: true, [RollupLevel.Quarter, RollupLevel.Hour, RollupLevel.Day, RollupLevel.Dekad, RollupLevel.Month]);

    /// <summary>Without the content id: quarter-hours, hours, days.</summary>
    public static RollupTableSet Totals { get; } = new("report_total", hasMediaId: false, [RollupLevel.Quarter, RollupLevel.Hour, RollupLevel.Day]);

    /// <summary>Both sets, in the order the processing transaction writes them.</summary>
    public static ImmutableArray<RollupTableSet> All { get; } = [PerContent, Totals];

    public string Prefix { get; }

    public bool HasMediaId { get; }

    /// <summary>The levels kept, finest first.</summary>
    public ImmutableArray<RollupLevel> Levels { get; }

    /// <summary>The levels whose periods nest in any day (a day and finer), finest first.</summary>
    public ImmutableArray<RollupLevel> DayLevels { get; }

    /// <summary>The primary key's columns.</summary>
    public string KeyColumns { get; }

    /// <summary>The table of <paramref name="level"/>, e.g. <c>report_media_quarters</c>.</summary>
    public string Table(RollupLevel level) => level switch
    {
        RollupLevel.Quarter => Prefix + "_quarters",
        RollupLevel.Hour => Prefix + "_hours",
        RollupLevel.Day => Prefix + "_days",
        RollupLevel.Dekad => Prefix + "_dekads",
        _ => Prefix + "_months",
    };
}
