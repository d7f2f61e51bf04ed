using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// The report engine both stores run: a report's zone days become a UTC range, the range becomes whole rollup periods
/// (<see cref="RollupDecomposition"/>), each level is read with one statement, and the rows are summed here in
/// dictionaries: a hash sum is several times cheaper than the sort SQLite groups with, and PostgreSQL runs the same code.
/// </summary>
internal static class ReportQueries
{
    private const string TotalKey = "total";

    /// <summary>Quarter-hours per statement when they are read by key.</summary>
    private const int QuarterChunk = 1_000;

    /// <summary>Ranges up to this long (ten years and a day) read hours and boundary quarter-hours; longer ones every quarter-hour.</summary>
    private const long MixedRangeLimit = 3_661 * 86_400_000L;

    public static async Task<IReadOnlyList<ReportRow>> GetReportAsync(IRowSource source, ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var days = ZoneDays.Create(query.TimeZone, query.From, query.To);
        // Per content when the content matters; otherwise the totals, a few rows per period.
        var set = query.GroupBy == ReportGrouping.Media || query.Filter.MediaId is not null ? RollupTableSet.PerContent : RollupTableSet.Totals;
        var groups = new Dictionary<string, GroupSums>(StringComparer.Ordinal);
        var dayKeys = new Dictionary<int, string>();
        // One statement per range: an OR of two ranges makes SQLite collect the keys of both first and then look each row
        // up again by key, about twice the work of two range scans.
        var ranges = Ranges(query.GroupBy, days, set);
        // Only a by-day read that also reads some hours' quarter-hours (a half- or quarter-hour zone) has hour rows to skip.
        var skipCutHours = query.GroupBy == ReportGrouping.Day && ranges.Exists(range => range.Only is not null);
        foreach (var range in ranges)
        {
            var (sql, parameters) = RollupQuery(set, range, query);
            await using var reader = await source.QueryAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (skipCutHours && range.Level == RollupLevel.Hour
                    && !WithinOneDay(days, RollupPeriods.Start(RollupLevel.Hour, reader.GetInt64(0))))
                {
                    // An hour across a day boundary or an end of the range: its quarter-hours are read instead.
                    continue;
                }

                var key = query.GroupBy switch
                {
                    ReportGrouping.Day => DayKey(days, dayKeys, RollupPeriods.Start(range.Level, reader.GetInt64(0))),
                    ReportGrouping.Media or ReportGrouping.ContentType => reader.GetString(0),
                    ReportGrouping.Downloaded => reader.GetBoolean(0) ? "downloaded" : "online",
                    _ => TotalKey,
                };
                ref var sums = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out _);
                sums ??= new GroupSums();
                for (var i = 0; i < MeasureCatalog.Count; i++)
                {
                    sums.Measures.Add((Measure)i, reader.GetDouble(1 + i));
                }

                if (!reader.IsNull(1 + MeasureCatalog.Count))
                {
                    LatenessJson.Add(reader.GetString(1 + MeasureCatalog.Count), sums.Lateness ??= []);
                }
            }
        }

        if (query.GroupBy == ReportGrouping.Total && groups.Count == 0)
        {
            groups[TotalKey] = new GroupSums();
        }

        return [.. groups.OrderBy(group => group.Key, StringComparer.Ordinal).Select(group => group.Value.ToRow(group.Key))];
    }

    public static async Task<IReadOnlyList<ArrivalCell>> GetArrivalsAsync(IRowSource source, ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var days = ZoneDays.Create(query.TimeZone, query.From, query.To);
        // Watched by the quarter-hour, so the day watched is exact in every zone and agrees with the summary's downloaded
        // sessions of that day. Received by the hour, which belongs to the day its first instant is in: exact in
        // whole-hour zones; in +05:30 or +05:45 zones the hour across midnight counts wholly for the day it starts in.
        var first = RollupPeriods.FirstStartingAtOrAfter(RollupLevel.Quarter, days.Start);
        var last = RollupPeriods.FirstStartingAtOrAfter(RollupLevel.Quarter, days.End) - 1;
        var sql = new StringBuilder(
            $"SELECT watched_quarter, received_hour, {MeasureCatalog.Column(Measure.Sessions)}, {MeasureCatalog.Column(Measure.TimePlayed)} " +
            "FROM report_arrivals WHERE watched_quarter BETWEEN @first AND @last");
        if (query.Filter.ContentType is not null)
        {
            sql.Append(" AND content_type = @content_type");
        }

        var parameters = new List<KeyValuePair<string, object>> { new("first", first), new("last", last) };
        if (query.Filter.ContentType is { } contentType)
        {
            parameters.Add(new("content_type", contentType));
        }

        var cells = new Dictionary<(DateOnly Watched, DateOnly Received), (double Sessions, double TimePlayed)>();
        var receivedDays = new Dictionary<long, DateOnly>();
        await using var reader = await source.QueryAsync(sql.ToString(), parameters, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var watched = days.Day(days.IndexOf(RollupPeriods.Start(RollupLevel.Quarter, reader.GetInt64(0))));
            var receivedHour = reader.GetInt64(1);
            ref var received = ref CollectionsMarshal.GetValueRefOrAddDefault(receivedDays, receivedHour, out var known);
            if (!known)
            {
                received = ZoneDays.DateOf(query.TimeZone, RollupPeriods.Start(RollupLevel.Hour, receivedHour));
            }

            ref var cell = ref CollectionsMarshal.GetValueRefOrAddDefault(cells, (watched, received), out _);
            cell = (cell.Sessions + reader.GetDouble(2), cell.TimePlayed + reader.GetDouble(3));
        }

        return [.. cells.OrderBy(cell => cell.Key.Watched).ThenBy(cell => cell.Key.Received)
            .Select(cell => new ArrivalCell(cell.Key.Watched, cell.Key.Received, (long)cell.Value.Sessions, cell.Value.TimePlayed))];
    }

    /// <summary>
    /// The periods to read. By day: the coarsest level every day boundary of the zone falls on (the day in UTC, the hour
    /// in whole-hour zones, the quarter-hour otherwise), over the whole range, so each row lies in one zone day. Otherwise
    /// the decomposition into the coarsest whole periods.
    /// </summary>
    private static List<PeriodRange> Ranges(ReportGrouping grouping, ZoneDays days, RollupTableSet set)
    {
        if (days.Start >= days.End)
        {
            return [];
        }

        if (grouping != ReportGrouping.Day)
        {
            return RollupDecomposition.Decompose(days.Start, days.End, set.Levels.AsSpan());
        }

        var level = RollupDecomposition.CoarsestAligned(days.Boundaries, set.DayLevels.AsSpan());
        if (level == RollupLevel.Quarter && set.DayLevels.Contains(RollupLevel.Hour) && days.End - days.Start <= MixedRangeLimit)
        {
            return HoursAndBoundaryQuarters(days);
        }

        return [new PeriodRange(level, RollupPeriods.Of(level, days.Start), RollupPeriods.FirstStartingAtOrAfter(level, days.End) - 1)];
    }

    /// <summary>
    /// Days that start on half or quarter hours (+05:30, +05:45): the hours that lie in one day, and the quarter-hours of
    /// only the hours a day boundary or an end of the range cuts, about a quarter of the rows of reading every
    /// quarter-hour. The hour rows a boundary cuts are skipped as they are read.
    /// </summary>
    private static List<PeriodRange> HoursAndBoundaryQuarters(ZoneDays days)
    {
        var firstHour = RollupPeriods.Of(RollupLevel.Hour, days.Start);
        var lastHour = RollupPeriods.Of(RollupLevel.Hour, days.End - 1);
        var quarters = new List<long>();
        for (var hour = firstHour; hour <= lastHour; hour++)
        {
            var start = RollupPeriods.Start(RollupLevel.Hour, hour);
            if (WithinOneDay(days, start))
            {
                continue;
            }

            for (var quarterStart = start; quarterStart < start + RollupPeriods.HourMilliseconds; quarterStart += RollupPeriods.QuarterMilliseconds)
            {
                if (quarterStart >= days.Start && quarterStart < days.End)
                {
                    quarters.Add(RollupPeriods.Of(RollupLevel.Quarter, quarterStart));
                }
            }
        }

        var ranges = new List<PeriodRange> { new(RollupLevel.Hour, firstHour, lastHour) };
        foreach (var chunk in quarters.Chunk(QuarterChunk))
        {
            ranges.Add(new PeriodRange(RollupLevel.Quarter, chunk[0], chunk[^1]) { Only = chunk });
        }

        return ranges;
    }

    /// <summary>Whether the hour starting at <paramref name="start"/> lies in the range and in one of its days.</summary>
    private static bool WithinOneDay(ZoneDays days, long start)
    {
        var end = start + RollupPeriods.HourMilliseconds;
        return start >= days.Start && end <= days.End && days.IndexOf(start) == days.IndexOf(end - 1);
    }

    /// <summary>
    /// One range's rows: the grouping column first, then every measure, then the lateness histogram. Table and column
    /// names come from fixed lists, never from the request; values are parameters.
    /// </summary>
    private static (string Sql, List<KeyValuePair<string, object>> Parameters) RollupQuery(RollupTableSet set, PeriodRange range, ReportQuery query)
    {
        var keyColumn = query.GroupBy switch
        {
            ReportGrouping.Media => "media_id",
            ReportGrouping.ContentType => "content_type",
            ReportGrouping.Downloaded => "downloaded",
            _ => "period",
        };
        var sql = new StringBuilder($"SELECT {keyColumn}, {ReportSql.Columns(MeasureCatalog.All)}, lateness FROM {set.Table(range.Level)} WHERE ");
        var parameters = new List<KeyValuePair<string, object>>();
        if (range.Only is { } only)
        {
            // Computed period numbers, never request text: written as integer literals.
            sql.Append("period IN (").AppendJoin(", ", only.Select(period => period.ToString(CultureInfo.InvariantCulture))).Append(')');
        }
        else
        {
            sql.Append("period BETWEEN @first AND @last");
            parameters.Add(new("first", range.First));
            parameters.Add(new("last", range.Last));
        }

        var filter = query.Filter;
        if (filter.MediaId is { } mediaId)
        {
            sql.Append(" AND media_id = @media_id");
            parameters.Add(new("media_id", mediaId));
        }

        if (filter.ContentType is { } contentType)
        {
            sql.Append(" AND content_type = @content_type");
            parameters.Add(new("content_type", contentType));
        }

        if (filter.Downloaded is { } downloaded)
        {
            sql.Append(" AND downloaded = @downloaded");
            parameters.Add(new("downloaded", downloaded));
        }

        return (sql.ToString(), parameters);
    }

    private static string DayKey(ZoneDays days, Dictionary<int, string> keys, long instant)
    {
        var index = days.IndexOf(instant);
        ref var key = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, index, out _);
        return key ??= days.Day(index).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
