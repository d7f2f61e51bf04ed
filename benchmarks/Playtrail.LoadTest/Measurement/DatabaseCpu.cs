using System.Globalization;

namespace Playtrail.LoadTest.Measurement;

/// <summary>
/// The CPU time of a PostgreSQL cluster: its postmaster (with the time of children it has already reaped) plus every
/// process whose parent it is (backends, WAL writer, checkpointer, autovacuum). A backend that exits inside a window
/// moves its time from the second sum to the first, so a window's difference stays whole.
/// </summary>
internal static class DatabaseCpu
{
    public static TimeSpan? Read(int postmasterPid)
    {
        var own = ReadStat(postmasterPid);
        if (own is null)
        {
            return null;
        }

        var ticks = own.Value.Ticks + own.Value.ReapedChildTicks;
        foreach (var pid in Children(postmasterPid))
        {
            ticks += ReadStat(pid)?.Ticks ?? 0;
        }

        return TimeSpan.FromSeconds((double)ticks / Native.ClockTicksPerSecond);
    }

    /// <summary>The processes whose parent is <paramref name="parentPid"/> right now.</summary>
    public static List<int> Children(int parentPid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ReadStat(pid) is { } stat && stat.ParentPid == parentPid)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    private static (int ParentPid, long Ticks, long ReapedChildTicks)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Fields after the command name: index 1 is field 4 (ppid), 11-14 are fields 14-17 (utime, stime, cutime, cstime).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
        return ((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
    }
}
