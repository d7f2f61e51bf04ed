using System.Diagnostics;

namespace Playtrail.Benchmarks;

/// <summary>
/// <see cref="SaveProcessedBenchmarks"/> as a timed loop that also reports the process's CPU time per session: on a
/// shared machine wall time mostly measures the neighbours, while CPU time stays close to the work done. Used to compare
/// the processing transaction of two builds.
/// </summary>
internal static class SaveProcessedTiming
{
    public static void Run(int rounds, int writerCacheMebibytes)
    {
        var benchmarks = new SaveProcessedBenchmarks { WriterCacheMebibytes = writerCacheMebibytes };
        benchmarks.Setup();
        try
        {
            var process = Process.GetCurrentProcess();
            var wall = new List<double>();
            var cpu = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                benchmarks.CreateForConcurrent();
                process.Refresh();
                var cpuBefore = process.TotalProcessorTime;
                var stopwatch = Stopwatch.StartNew();
                benchmarks.SaveConcurrently().GetAwaiter().GetResult();
                wall.Add(stopwatch.Elapsed.TotalMicroseconds / SaveProcessedBenchmarks.Concurrent);
                process.Refresh();
                cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMicroseconds / SaveProcessedBenchmarks.Concurrent);
            }

            wall.Sort();
            cpu.Sort();
            Console.WriteLine($"save processed, {SaveProcessedBenchmarks.Concurrent} at once, {rounds} rounds, writer cache {writerCacheMebibytes} MiB: per session wall min {wall[0]:F0} us, " +
                $"median {wall[rounds / 2]:F0} us; CPU min {cpu[0]:F0} us, median {cpu[rounds / 2]:F0} us");
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }
}
