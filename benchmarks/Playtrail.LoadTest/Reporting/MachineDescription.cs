using System.Globalization;
using System.Runtime.InteropServices;

namespace Playtrail.LoadTest.Reporting;

/// <summary>The machine a run was measured on, as the report states it.</summary>
internal static class MachineDescription
{
    public static string Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadFirst("/proc/meminfo", "MemTotal:") is { } line
            && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kibibytes)
                ? $"{kibibytes / 1024.0 / 1024.0:0.0} GiB RAM"
                : "RAM unknown";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    private static string? ReadFirst(string path, string prefix)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal)) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
