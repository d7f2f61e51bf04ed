using System.Globalization;

namespace Playtrail.LoadTest.Measurement;

/// <summary>The first line of /proc/stat: clock ticks all cores spent busy, and stolen by the hypervisor.</summary>
internal readonly record struct MachineTicks(long Busy, long Steal)
{
    public static MachineTicks? Read()
    {
        string? line;
        try
        {
            line = File.ReadLines("/proc/stat").FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }

        if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
        {
            return null;
        }

        // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already inside user.
        var values = line[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8)
            .Select(value => long.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        var busy = values[0] + values[1] + values[2] + values[5] + values[6];
        return new MachineTicks(busy, values[7]);
    }
}
