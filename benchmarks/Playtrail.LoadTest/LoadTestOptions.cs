using System.Globalization;

namespace Playtrail.LoadTest;

/// <summary>The harness's command line, with defaults that keep a full run under about three minutes.</summary>
internal sealed class LoadTestOptions
{
    public const int DefaultClients = 32;
    public const double DefaultSeconds = 10;
    public const double DefaultWarmupSeconds = 3;
    public const double DefaultMaxWarmupSeconds = 25;
    public const long DefaultMaxRequests = 1_000_000;
    public const int DefaultPingsPerSession = 50;
    public const int DefaultEventsPerUpload = 500;

    public const string Usage =
        """
        Playtrail load test: drives a real Playtrail server over loopback HTTP and prints a Markdown table.

        Usage: dotnet run -c Release --project benchmarks/Playtrail.LoadTest -- [options]

          --scenario all|online|downloaded|health
                              what to run (default all). online and downloaded also run their
                              Storage:Sqlite:MaxBatchSize=1 baseline; all adds the /health floor.
          --provider sqlite|postgres|both
                              the store of the started server (default sqlite). postgres starts a
                              PostgreSQL cluster from the machine's binaries (initdb + pg_ctl, fsync on)
                              and gives each scenario run a fresh database; both runs every scenario on
                              SQLite and then on PostgreSQL under the same load and reports the ratio.
                              With postgres or both there are no batch-size baselines.
          --clients N         concurrent clients, each with its own keep-alive connection (default 32)
          --rate R            open loop: the clients together send R requests a second on a fixed schedule
                              (each client R/N a second), and latency counts from when a request was due, not
                              from when it went out, so a stalled server shows in the percentiles (default:
                              closed loop, each client sends its next request when the last is answered)
          --seconds S         measured time per scenario (default 10)
          --requests N        stop a scenario after N requests, whichever of the bounds comes first
                              (default 1000000)
          --warmup S          unmeasured warm-up per scenario under the same load, at least S seconds
                              (default 3) and, when the server process can be read, until its background
                              JIT has been quiet for 2 s
          --max-warmup S      the longest warm-up (default 25)
          --pings N           pings per online session before its sessionComplete (default 50)
          --events N          events per downloaded session (default 500)
          --repeat N          run the scenario list N times, interleaved; report the median run (default 1)
          --server URL        drive an already running server instead of starting one (no batch-size baselines)
          --server-pid PID    with --server: read that process's CPU time from /proc
          --server-dll PATH   the server binary to start (default src/Playtrail.Server/bin/Release/net10.0/Playtrail.Server.dll)
          --set KEY=VALUE     a configuration setting for every server the harness starts, such as
                              Storage:Sqlite:DrainOnCaller=false (repeatable)
          --no-floor          do not run the bare-Kestrel floor (benchmarks/Playtrail.LoadTest.Floor: the same
                              requests read, parsed with JsonDocument and answered, nothing stored) before
                              each workload; by default every figure is also given as a ratio to it
          --no-perf           do not count the server's fsync calls with perf
          --help              this text

        Exit code: 0 when every request got its expected status, 1 when any did not, 2 for bad usage or a
        server that would not start.
        """;

    public int Clients { get; private set; } = DefaultClients;

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(DefaultSeconds);

    /// <summary>The shortest warm-up; with a readable server process, warm-up goes on until its JIT is quiet.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(DefaultWarmupSeconds);

    /// <summary>The longest warm-up, for a JIT that never settles.</summary>
    public TimeSpan MaxWarmup { get; private set; } = TimeSpan.FromSeconds(DefaultMaxWarmupSeconds);

    public long MaxRequests { get; private set; } = DefaultMaxRequests;

    public string Scenario { get; private set; } = "all";

    /// <summary>sqlite, postgres or both.</summary>
    public string Provider { get; private set; } = "sqlite";

    public int PingsPerSession { get; private set; } = DefaultPingsPerSession;

    public int EventsPerUpload { get; private set; } = DefaultEventsPerUpload;

    public int Repeat { get; private set; } = 1;

    public Uri? ServerUrl { get; private set; }

    public int? ServerPid { get; private set; }

    public string? ServerDll { get; private set; }

    /// <summary>Configuration settings given to every server the harness starts (<c>--set</c>).</summary>
    public List<KeyValuePair<string, string>> ServerSettings { get; } = [];

    public bool UsePerf { get; private set; } = true;

    public bool WithFloor { get; private set; } = true;

    /// <summary>Requests a second of all clients together in open-loop mode; null for the closed loop.</summary>
    public double? Rate { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Parses <paramref name="args"/>; a usage problem comes back as <paramref name="error"/>.</summary>
    public static LoadTestOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new LoadTestOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            switch (name)
            {
                case "--help" or "-h":
                    options.ShowHelp = true;
                    continue;
                case "--no-perf":
                    options.UsePerf = false;
                    continue;
                case "--no-floor":
                    options.WithFloor = false;
                    continue;
            }

            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                error = $"{name} needs a value.";
                return null;
            }

            error = options.Set(name, value);
            if (error is not null)
            {
                return null;
            }
        }

        return options;
    }

    private string? Set(string name, string value)
    {
        // On a bad value the half-set options are dropped by Parse, so assigning before checking is harmless.
        string? error;
        switch (name)
        {
            case "--clients":
                error = ReadInt(name, value, 1, 10_000, out var clients);
                Clients = clients;
                return error;
            case "--seconds":
                error = ReadSeconds(name, value, 0.1, out var seconds);
                Duration = seconds;
                return error;
            case "--warmup":
                error = ReadSeconds(name, value, 0, out var warmup);
                Warmup = warmup;
                return error;
            case "--max-warmup":
                error = ReadSeconds(name, value, 0, out var maxWarmup);
                MaxWarmup = maxWarmup;
                return error;
            case "--requests":
                error = ReadLong(name, value, out var requests);
                MaxRequests = requests;
                return error;
            case "--rate":
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate < 1 || rate > 1_000_000)
                {
                    return $"--rate must be a number of requests a second from 1 to 1000000, not '{value}'.";
                }

                Rate = rate;
                return null;
            case "--pings":
                error = ReadInt(name, value, 1, 100_000, out var pings);
                PingsPerSession = pings;
                return error;
            case "--events":
                error = ReadInt(name, value, 3, 1_000_000, out var events);
                EventsPerUpload = events;
                return error;
            case "--repeat":
                error = ReadInt(name, value, 1, 100, out var repeat);
                Repeat = repeat;
                return error;
            case "--server-pid":
                error = ReadInt(name, value, 1, int.MaxValue, out var pid);
                ServerPid = pid;
                return error;
            case "--scenario":
                Scenario = value;
                return value is "all" or "online" or "downloaded" or "health"
                    ? null
                    : $"--scenario must be all, online, downloaded or health, not '{value}'.";
            case "--provider":
                Provider = value;
                return value is "sqlite" or "postgres" or "both"
                    ? null
                    : $"--provider must be sqlite, postgres or both, not '{value}'.";
            case "--server":
                if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    return $"--server must be an http or https URL, not '{value}'.";
                }

                ServerUrl = url;
                return null;
            case "--server-dll":
                ServerDll = Path.GetFullPath(value);
                return null;
            case "--set":
                var separator = value.IndexOf('=', StringComparison.Ordinal);
                if (separator <= 0)
                {
                    return $"--set takes KEY=VALUE, not '{value}'.";
                }

                ServerSettings.Add(new(value[..separator], value[(separator + 1)..]));
                return null;
            default:
                return $"Unknown option {name}. Try --help.";
        }
    }

    private static string? ReadInt(string name, string value, int min, int max, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max
            ? null
            : $"{name} must be a whole number from {min} to {max}, not '{value}'.";

    private static string? ReadLong(string name, string value, out long result) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= 1
            ? null
            : $"{name} must be a whole number of at least 1, not '{value}'.";

    private static string? ReadSeconds(string name, string value, double min, out TimeSpan result)
    {
        result = default;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < min || seconds > 3600)
        {
            return $"{name} must be a number of seconds from {min.ToString(CultureInfo.InvariantCulture)} to 3600, not '{value}'.";
        }

        result = TimeSpan.FromSeconds(seconds);
        return null;
    }
}
