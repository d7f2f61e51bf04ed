using System.Diagnostics;

namespace Playtrail.LoadTest.Measurement;

/// <summary>
/// Counters read at one instant: the server process (from /proc, when there is one to read), this generator,
/// and the whole machine, so that a window's difference shows who used the cores.
/// </summary>
internal readonly record struct CpuSnapshot(long Timestamp, ProcessSample? Server, TimeSpan Generator, MachineTicks? Machine, TimeSpan? Database)
{
    /// <summary>Reads the counters; <paramref name="databasePid"/> is a PostgreSQL postmaster whose processes are read too.</summary>
    public static CpuSnapshot Take(int? serverPid, int? databasePid = null)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSnapshot(
            Stopwatch.GetTimestamp(),
            serverPid is { } pid ? ProcessSample.Read(pid) : null,
            self.TotalProcessorTime,
            MachineTicks.Read(),
            databasePid is { } postmaster ? DatabaseCpu.Read(postmaster) : null);
    }
}
