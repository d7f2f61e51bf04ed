using System.Globalization;

namespace Playtrail.LoadTest.Measurement;

/// <summary>
/// One process's counters from /proc/&lt;pid&gt;/stat: CPU time (user plus system, all threads) and minor page
/// faults, which show memory the process keeps handing back to the kernel and touching again.
/// </summary>
internal readonly record struct ProcessSample(TimeSpan Cpu, long MinorFaults)
{
    /// <summary>Reads <paramref name="pid"/>'s counters; null when the process is gone or unreadable.</summary>
    public static ProcessSample? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces; fields are counted after its closing
        // one, so index 0 is field 3 (state), 7 is field 10 (minflt), 11 and 12 are fields 14 and 15 (utime, stime).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessSample(TimeSpan.FromSeconds((double)ticks / Native.ClockTicksPerSecond), long.Parse(fields[7], CultureInfo.InvariantCulture));
    }
}
