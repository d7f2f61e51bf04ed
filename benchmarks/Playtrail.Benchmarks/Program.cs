using BenchmarkDotNet.Running;
using Playtrail.Benchmarks;

// `--write-summary-data-set FILE [DAYS]` builds the reporting benchmark's database at FILE (its million sessions over 30
// days, or over DAYS days) and leaves it there for study with sqlite3 or for the dashboard page benchmark.
if (args is ["--write-summary-data-set", var path, .. var rest] && rest.Length <= 1)
{
    SummaryBenchmarks.WriteDataSet(path, rest.Length == 1 ? int.Parse(rest[0], System.Globalization.CultureInfo.InvariantCulture) : SummaryDataSet.DayCount);
    return;
}

// `--compare-builds DIR_A DIR_B [METHOD] [ROUNDS] [METHOD_B]` times a processing benchmark of two builds against each other.
if (args is ["--compare-builds", ..])
{
    BuildComparison.Run(args);
    return;
}

// `--time-migration N` times the schema 5 upgrade of a schema 4 file holding N processed sessions.
if (args is ["--time-migration", var count])
{
    MigrationTiming.Run(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// `--time-save-processed ROUNDS [WRITER_CACHE_MIB]` times the processing transaction in a loop, wall and CPU time per
// session, with the writer's page cache at its default or the size given.
if (args is ["--time-save-processed", var saveRounds, .. var saveCache] && saveCache.Length <= 1)
{
    var cache = saveCache is [var mebibytes]
        ? int.Parse(mebibytes, System.Globalization.CultureInfo.InvariantCulture)
        : Playtrail.Storage.Sqlite.SqliteStoreOptions.DefaultWriterCacheMebibytes;
    SaveProcessedTiming.Run(int.Parse(saveRounds, System.Globalization.CultureInfo.InvariantCulture), cache);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point.</summary>
public partial class Program;
