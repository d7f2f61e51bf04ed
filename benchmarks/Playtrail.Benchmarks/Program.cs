using BenchmarkDotNet.Running;
using Playtrail.Benchmarks;

// `--write-summary-data-set FILE` leaves the summary benchmark's generated database behind for study with sqlite3.
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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point.</summary>
public partial class Program;
