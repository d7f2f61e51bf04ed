using System.Globalization;

namespace Playtrail.LoadTest.Measurement;

/// <summary>
/// Watches the CPU time of the runtime's background tiering thread (".NET Tiered Compilation Worker") in the
/// server process. Under load that thread recompiles hot methods for several seconds after start-up (about ten
/// on this machine, at up to half a core); a window measured before it goes quiet reports JIT work as the
/// server's cost per request.
/// </summary>
internal sealed class TieringMonitor(int pid)
{
    private readonly Dictionary<string, long> _ticksByThread = new(StringComparer.Ordinal);

    /// <summary>Clock ticks the tiering threads used since the previous call (all of them, on the first call).</summary>
    public long TicksSinceLastSample()
    {
        long used = 0;
        string[] threads;
        try
        {
            threads = Directory.GetDirectories($"/proc/{pid}/task");
        }
        catch (IOException)
        {
            return 0;
        }

        foreach (var thread in threads)
        {
            try
            {
                // The kernel keeps the first 15 characters of a thread name: ".NET Tiered Com".
                if (!File.ReadAllText(Path.Combine(thread, "comm")).Contains("Tiered", StringComparison.Ordinal))
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(thread, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                var id = Path.GetFileName(thread);
                used += ticks - _ticksByThread.GetValueOrDefault(id);
                _ticksByThread[id] = ticks;
            }
            catch (IOException)
            {
                // The thread exited between listing and reading; the runtime starts a new one when there is work again.
            }
        }

        return used;
    }
}
