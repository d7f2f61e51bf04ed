using BenchmarkDotNet.Running;
using Playtrail.Benchmarks;

// `--write-summary-data-set FILE` builds the reporting benchmark's database at FILE and leaves it there for study with sqlite3.
if (args is ["--write-summary-data-set", var path])
{
    SummaryBenchmarks.WriteDataSet(path);
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

// `--time-save-processed ROUNDS` times the processing transaction in a loop, wall and CPU time per session.
if (args is ["--time-save-processed", var rounds])
{
    SaveProcessedTiming.Run(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point.</summary>
public partial class Program;
