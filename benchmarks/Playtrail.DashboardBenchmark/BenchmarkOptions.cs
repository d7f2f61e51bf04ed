using System.Globalization;

namespace Playtrail.DashboardBenchmark;

/// <summary>The command line: a database to copy and serve, the days its pages show, how many measured rounds.</summary>
internal sealed record BenchmarkOptions(string Database, string Server, string From, string To, int Rounds, string Chromium, string TimeZone)
{
    private const string Usage =
        "usage: Playtrail.DashboardBenchmark --db FILE --server PATH/Playtrail.Server.dll [--from yyyy-MM-dd] [--to yyyy-MM-dd] " +
        "[--rounds N] [--chromium PATH] [--time-zone IANA]";

    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--db", out var database) || !values.TryGetValue("--server", out var server))
        {
            throw new ArgumentException(Usage);
        }

        return new BenchmarkOptions(
            database,
            server,
            values.GetValueOrDefault("--from", "2026-06-01"),
            values.GetValueOrDefault("--to", "2026-06-30"),
            int.Parse(values.GetValueOrDefault("--rounds", "5"), CultureInfo.InvariantCulture),
            values.GetValueOrDefault("--chromium", "/usr/bin/chromium"),
            values.GetValueOrDefault("--time-zone", "UTC"));
    }
}
