using System.Runtime.InteropServices;

namespace Playtrail.LoadTest.Measurement;

/// <summary>The two libc calls .NET does not wrap: sending a chosen signal, and the clock-tick rate of /proc.</summary>
internal static partial class Native
{
    public const int SigInt = 2;
    public const int SigTerm = 15;
    private const int ScClockTick = 2;

    /// <summary>Clock ticks per second, the unit of /proc/*/stat times.</summary>
    public static long ClockTicksPerSecond { get; } = OperatingSystem.IsLinux() ? SysConf(ScClockTick) : 100;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it could not be sent.</summary>
    public static bool Signal(int pid, int signal) => OperatingSystem.IsLinux() && Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}
