using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Benchmarks;

/// <summary>
/// Issue 3: a summary over one million stored sessions answers in under 200 ms on the SQLite default. Each case
/// calls the store's own <see cref="SqliteSessionStore.GetSummaryAsync"/> (pooled read connection, both queries,
/// rows and histograms materialised) on a file created by <see cref="SqliteSessionStore.InitializeAsync"/> and
/// filled with <see cref="SummaryDataSet"/>. The baseline counts every rollup row on the same kind of
/// connection: the floor of any full-year summary with this schema. The development machine is shared, so the
/// minimum is shown next to the mean: it is the closest this run gets to the uncontended cost.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class SummaryBenchmarks
{
    private static readonly DateOnly LastMonth = SummaryDataSet.LastDay.AddDays(-29);

    /// <summary>About a year whose ends fall mid-month: 17 days, ten whole months, then 14 days.</summary>
    private static readonly DateOnly OffBoundaryFrom = SummaryDataSet.FirstDay.AddDays(14);

    private static readonly DateOnly OffBoundaryTo = SummaryDataSet.LastDay.AddDays(-16);

    private string _path = "";
    private string _readConnectionString = "";
    private SqliteSessionStore? _store;

    /// <summary>Creates the data set's database at <paramref name="path"/> and leaves it there.</summary>
    public static void WriteDataSet(string path)
    {
        var benchmarks = new SummaryBenchmarks { _path = path };
        benchmarks.Load();
        benchmarks._store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"playtrail-summary-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        try
        {
            Load();
        }
        catch
        {
            // BenchmarkDotNet skips GlobalCleanup when set-up fails; a failed run must not leave a 32 MB file behind.
            Cleanup();
            throw;
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private void Load()
    {
        _store = new SqliteSessionStore(Options.Create(new SqliteStoreOptions { Path = _path }), TimeProvider.System,
            NullLogger<SqliteSessionStore>.Instance);
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();

        var stopwatch = Stopwatch.StartNew();
        var dataSet = SummaryDataSet.Generate();
        var generated = stopwatch.Elapsed;
        dataSet.WriteTo(_path);
        var written = stopwatch.Elapsed - generated;

        // The same connection shape as the store's reads: read-only, pooled, private cache.
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadOnly,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
        }.ToString();

        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        var rollupRows = Scalar(connection, "SELECT count(*) FROM rollups");
        var latenessRows = Scalar(connection, "SELECT count(*) FROM rollup_lateness");
        var sessions = Scalar(connection, "SELECT sum(sessions) FROM rollups");
        var downloaded = Scalar(connection, "SELECT sum(sessions) FROM rollups WHERE downloaded");
        var latenessSessions = Scalar(connection, "SELECT sum(sessions) FROM rollup_lateness");
        var pages = Scalar(connection, "PRAGMA page_count");
        var pageSize = Scalar(connection, "PRAGMA page_size");
        var lastMonthRows = Scalar(connection, $"SELECT count(*) FROM rollups WHERE day >= {SummaryDataSet.ToDayNumber(SummaryDataSet.DayCount - 30)}");
        Console.WriteLine($"// data set: generated in {generated.TotalSeconds:F1} s, written in {written.TotalSeconds:F1} s, file {pages} pages of {pageSize} bytes");
        Console.WriteLine($"// rollups: {rollupRows} rows ({lastMonthRows} in the last 30 days); rollup_lateness: {latenessRows} rows");
        Console.WriteLine($"// rollup_months: {Scalar(connection, "SELECT count(*) FROM rollup_months")} rows, {Scalar(connection, "SELECT count(*) FROM rollup_months WHERE lateness IS NOT NULL")} with a lateness histogram");
        Console.WriteLine($"// sum(rollups.sessions) = {sessions} (downloaded {downloaded}); sum(rollup_lateness.sessions) = {latenessSessions}");

        if (sessions != SummaryDataSet.Sessions || rollupRows != dataSet.RollupRows || latenessRows != dataSet.LatenessRows
            || downloaded != dataSet.DownloadedSessions || latenessSessions != dataSet.DownloadedSessions)
        {
            throw new InvalidOperationException("The stored data set does not match the generated one.");
        }

        CheckThroughStore();
    }

    [Benchmark(Baseline = true, Description = "baseline: SELECT count(*) FROM rollups")]
    public async Task<long> CountRollups()
    {
        await using var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM rollups";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Benchmark(Description = "by day, last 30 days")]
    public Task<IReadOnlyList<SummaryRow>> DayLastMonth() => Summary(LastMonth, SummaryGrouping.Day);

    [Benchmark(Description = "by day, full year")]
    public Task<IReadOnlyList<SummaryRow>> DayYear() => Summary(SummaryDataSet.FirstDay, SummaryGrouping.Day);

    [Benchmark(Description = "by media, last 30 days")]
    public Task<IReadOnlyList<SummaryRow>> MediaLastMonth() => Summary(LastMonth, SummaryGrouping.Media);

    [Benchmark(Description = "by media, full year")]
    public Task<IReadOnlyList<SummaryRow>> MediaYear() => Summary(SummaryDataSet.FirstDay, SummaryGrouping.Media);

    [Benchmark(Description = "by media, a year off month boundaries")]
    public Task<IReadOnlyList<SummaryRow>> MediaYearOffBoundaries() =>
        _store!.GetSummaryAsync(new SummaryQuery(OffBoundaryFrom, OffBoundaryTo, SummaryGrouping.Media), CancellationToken.None);

    [Benchmark(Description = "by content type, full year")]
    public Task<IReadOnlyList<SummaryRow>> ContentTypeYear() => Summary(SummaryDataSet.FirstDay, SummaryGrouping.ContentType);

    [Benchmark(Description = "by downloaded, full year")]
    public Task<IReadOnlyList<SummaryRow>> DownloadedYear() => Summary(SummaryDataSet.FirstDay, SummaryGrouping.Downloaded);

    private Task<IReadOnlyList<SummaryRow>> Summary(DateOnly from, SummaryGrouping grouping) =>
        _store!.GetSummaryAsync(new SummaryQuery(from, SummaryDataSet.LastDay, grouping), CancellationToken.None);

    /// <summary>Reads the data back through the store itself, so a mismatch in day encoding or columns fails set-up.</summary>
    private void CheckThroughStore()
    {
        var byKind = Summary(SummaryDataSet.FirstDay, SummaryGrouping.Downloaded).GetAwaiter().GetResult();
        var byDay = Summary(SummaryDataSet.FirstDay, SummaryGrouping.Day).GetAwaiter().GetResult();
        var byMedia = Summary(SummaryDataSet.FirstDay, SummaryGrouping.Media).GetAwaiter().GetResult();
        var lateness = byKind.Sum(row => row.Lateness.Values.Sum());
        if (byKind.Sum(row => row.Sessions) != SummaryDataSet.Sessions
            || byMedia.Sum(row => row.Sessions) != SummaryDataSet.Sessions
            || byMedia.Sum(row => row.Lateness.Values.Sum()) != lateness
            || byDay.Count != SummaryDataSet.DayCount
            || byDay[0].Key != SummaryDataSet.FirstDay.ToString("yyyy-MM-dd")
            || byDay[^1].Key != SummaryDataSet.LastDay.ToString("yyyy-MM-dd")
            || lateness != byKind.Single(row => row.Key == "downloaded").Sessions)
        {
            throw new InvalidOperationException("The store's summary does not see the generated data set.");
        }

        var p50 = LatenessHistogram.Percentile(byKind.Single(row => row.Key == "downloaded").Lateness, 0.5);
        var p99 = LatenessHistogram.Percentile(byKind.Single(row => row.Key == "downloaded").Lateness, 0.99);
        Console.WriteLine($"// through the store: {byDay.Count} days, {byKind.Sum(row => row.Sessions)} sessions, lateness p50 {p50:F0} s, p99 {p99:F0} s");
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar());
    }
}
