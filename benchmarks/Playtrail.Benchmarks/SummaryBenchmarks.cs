using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Benchmarks;

/// <summary>
/// Issue 9: every dashboard read answers in 300 ms or less on a store of one million processed sessions. Each case calls
/// the SQLite store's own <see cref="IReportStore"/> (a pooled read connection, rows summed and materialised) on the
/// <see cref="SummaryDataSet"/> file. The baseline counts the per-content day rollups on the same kind of connection in
/// the same run. The development machine is shared, so the minimum and median are shown next to the mean.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SummaryBenchmarks
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly TimeZoneInfo Kolkata = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");

    /// <summary>
    /// 30 days across a month boundary (June 2 to July 1): no whole month inside, so a report by content reads 29 days of
    /// per-content day rows, the worst case of a 30-day window. The data set's own 30 days are exactly June.
    /// </summary>
    private static readonly (DateOnly From, DateOnly To) AcrossMonths = (SummaryDataSet.FirstDay.AddDays(1), SummaryDataSet.LastDay.AddDays(1));

    private string _readConnectionString = "";
    private SqliteSessionStore? _store;

    private IReportStore Reports => _store!;

    /// <summary>Builds the data set's database at <paramref name="path"/> and leaves it there.</summary>
    public static void WriteDataSet(string path, int dayCount) => SummaryDataSet.Build(path, dayCount);

    [GlobalSetup]
    public void Setup()
    {
        var path = SummaryDataSet.EnsureBuilt();
        _store = new SqliteSessionStore(Options.Create(new SqliteStoreOptions { Path = path }), TimeProvider.System, NullLogger<SqliteSessionStore>.Instance);
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();
        Check();
    }

    [GlobalCleanup]
    public void Cleanup() => _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "baseline: SELECT count(*) FROM report_media_days")]
    public async Task<long> CountMediaDays()
    {
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM report_media_days";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Benchmark(Description = "by day, 30 days, UTC")]
    public Task<IReadOnlyList<ReportRow>> DayUtc() => Report(TimeZoneInfo.Utc, ReportGrouping.Day);

    [Benchmark(Description = "by day, 30 days, Europe/Paris")]
    public Task<IReadOnlyList<ReportRow>> DayParis() => Report(Paris, ReportGrouping.Day);

    [Benchmark(Description = "by day, 30 days, Asia/Kolkata")]
    public Task<IReadOnlyList<ReportRow>> DayKolkata() => Report(Kolkata, ReportGrouping.Day);

    [Benchmark(Description = "by media, 30 days across two months, UTC, sorted by starts")]
    public async Task<List<ReportRow>> MediaUtc() => SortedByStarts(await Report(TimeZoneInfo.Utc, ReportGrouping.Media, AcrossMonths));

    /// <summary>June in Paris ends at 22:00Z on June 30: 22 hours of per-content quarter-hours, the costliest edge a zone adds.</summary>
    [Benchmark(Description = "by media, 30 days, Europe/Paris, sorted by starts")]
    public async Task<List<ReportRow>> MediaParis() => SortedByStarts(await Report(Paris, ReportGrouping.Media));

    [Benchmark(Description = "by media, the month of June, UTC, sorted by starts")]
    public async Task<List<ReportRow>> MediaMonthUtc() => SortedByStarts(await Report(TimeZoneInfo.Utc, ReportGrouping.Media));

    [Benchmark(Description = "total, 30 days, Europe/Paris")]
    public Task<IReadOnlyList<ReportRow>> TotalParis() => Report(Paris, ReportGrouping.Total);

    [Benchmark(Description = "by downloaded, 30 days, Europe/Paris")]
    public Task<IReadOnlyList<ReportRow>> DownloadedParis() => Report(Paris, ReportGrouping.Downloaded);

    [Benchmark(Description = "arrivals, 30 days, Europe/Paris")]
    public Task<IReadOnlyList<ArrivalCell>> ArrivalsParis() =>
        Reports.GetArrivalsAsync(new ReportQuery(SummaryDataSet.FirstDay, SummaryDataSet.LastDay, Paris, ReportGrouping.Day, ReportFilter.None), CancellationToken.None);

    [Benchmark(Description = "session list, first page of 50")]
    public Task<SessionListPage> ListFirstPage() => Reports.ListSessionsAsync(List(), CancellationToken.None);

    [Benchmark(Description = "session list, first page of 50, closeReason=stall")]
    public Task<SessionListPage> ListStalled() => Reports.ListSessionsAsync(List() with { CloseReason = CloseReason.Stall }, CancellationToken.None);

    [Benchmark(Description = "session list, first page of 50, status=timedOut (idle or stall)")]
    public Task<SessionListPage> ListTimedOut() => Reports.ListSessionsAsync(List() with { Status = SessionStatus.TimedOut }, CancellationToken.None);

    [Benchmark(Description = "session list, open sessions, first page of 50")]
    public Task<SessionListPage> ListOpen() => Reports.ListSessionsAsync(List() with { Status = SessionStatus.Active }, CancellationToken.None);

    private Task<IReadOnlyList<ReportRow>> Report(TimeZoneInfo zone, ReportGrouping grouping, (DateOnly From, DateOnly To)? range = null) =>
        Reports.GetReportAsync(new ReportQuery(range?.From ?? SummaryDataSet.FirstDay, range?.To ?? SummaryDataSet.LastDay, zone, grouping, ReportFilter.None), CancellationToken.None);

    /// <summary>The content ranking the dashboard shows: most starts first.</summary>
    private static List<ReportRow> SortedByStarts(IReadOnlyList<ReportRow> rows) =>
        [.. rows.OrderByDescending(row => row.Measures[Measure.Sessions]).ThenBy(row => row.Key, StringComparer.Ordinal)];

    private static SessionListQuery List() => new(null, null, null, null, null, null, null, Limit: 50, After: null);

    /// <summary>Reads the data set back through the store, so a wrong file or a broken read fails set-up instead of timing nothing.</summary>
    private void Check()
    {
        var byDay = DayUtc().GetAwaiter().GetResult();
        var byMedia = MediaMonthUtc().GetAwaiter().GetResult();
        var byKind = Report(TimeZoneInfo.Utc, ReportGrouping.Downloaded).GetAwaiter().GetResult();
        var sessions = byDay.Sum(row => row.Measures[Measure.Sessions]);
        var lateness = byKind.Single(row => row.Key == "downloaded").Lateness;
        if (sessions != SummaryDataSet.Sessions || byMedia.Sum(row => row.Measures[Measure.Sessions]) != SummaryDataSet.Sessions
            || byDay.Count != SummaryDataSet.DayCount || lateness.Values.Sum() != byKind.Single(row => row.Key == "downloaded").Measures[Measure.Sessions])
        {
            throw new InvalidOperationException("The store's reports do not see the generated data set.");
        }

        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        var counts = string.Join(", ", new[]
        {
            "session_facts", "report_media_quarters", "report_media_days", "report_media_dekads", "report_media_months", "report_total_quarters",
            "report_total_hours", "report_total_days", "report_arrivals", "report_media",
        }.Select(table => $"{table} {Scalar(connection, $"SELECT count(*) FROM {table}")}"));
        Console.WriteLine($"// rows: {counts}; file {Scalar(connection, "PRAGMA page_count") * Scalar(connection, "PRAGMA page_size") / (1024 * 1024)} MiB");
        Console.WriteLine($"// through the store: {byDay.Count} days, {sessions} sessions, {byMedia.Count} titles (top {byMedia[0].Key}: {byMedia[0].Measures[Measure.Sessions]}), " +
            $"lateness p50 {LatenessHistogram.Percentile(lateness, 0.5):F0} s");
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
