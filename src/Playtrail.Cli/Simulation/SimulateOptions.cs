namespace Playtrail.Cli.Simulation;

/// <summary>The parsed arguments of <c>playtrail simulate</c>.</summary>
/// <param name="Server">The Playtrail server.</param>
/// <param name="Sessions">Sessions to play.</param>
/// <param name="DownloadedShare">Share of them played in downloaded mode, 0 to 1.</param>
/// <param name="Store">Folder of the device stores; required when <paramref name="DownloadedShare"/> is above 0.</param>
/// <param name="Seed">Seed of the session scripts.</param>
/// <param name="Players">Simulated players running in parallel, each with its own client and virtual clock.</param>
/// <param name="DaysBack">Downloaded sessions were watched up to this many days ago.</param>
/// <param name="Timeout">Real time allowed for the events to go out after playing.</param>
/// <param name="Json">Print the result as one JSON object.</param>
internal sealed record SimulateOptions(
    Uri Server, int Sessions, double DownloadedShare, string? Store, int Seed, int Players, int DaysBack, TimeSpan Timeout, bool Json)
{
    /// <summary>Default <see cref="Players"/>.</summary>
    public const int DefaultPlayers = 8;

    /// <summary>Default <see cref="DaysBack"/>.</summary>
    public const int DefaultDaysBack = 7;

    /// <summary>Default <see cref="Timeout"/> in seconds.</summary>
    public const int DefaultTimeoutSeconds = 600;

    /// <summary>
    /// Most <see cref="DaysBack"/>: the device store evicts sessions older than 30 days, so older viewing could not
    /// be uploaded anyway.
    /// </summary>
    public const int MaxDaysBack = 29;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says why, for the usage message.</summary>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="defaultSeed">The seed when <c>--seed</c> is absent (the caller picks one and prints it).</param>
    /// <param name="options">The options, when valid.</param>
    /// <param name="error">Why not, otherwise.</param>
    /// <param name="help">True when help was asked for.</param>
    public static bool TryParse(IReadOnlyList<string> args, int defaultSeed, out SimulateOptions options, out string? error, out bool help)
    {
        options = null!;
        help = false;
        Uri? server = null;
        int? sessions = null;
        var share = 0.0;
        string? store = null;
        var seed = defaultSeed;
        var players = DefaultPlayers;
        var daysBack = DefaultDaysBack;
        var timeout = DefaultTimeoutSeconds;
        var json = false;
        var reader = new OptionReader(args);
        while (reader.Next())
        {
            switch (reader.Name)
            {
                case "-h" or "--help": help = true; error = null; return false;
                case "--server": server = reader.Url(); break;
                case "--sessions": sessions = reader.Int(1, 10_000_000); break;
                case "--downloaded-share": share = reader.Double(0, 1); break;
                case "--store": store = reader.Value(); break;
                case "--seed": seed = reader.Int(int.MinValue, int.MaxValue); break;
                case "--players": players = reader.Int(1, 256); break;
                case "--days-back": daysBack = reader.Int(1, MaxDaysBack); break;
                case "--timeout": timeout = reader.Int(1, 86_400); break;
                case "--json": json = true; break;
                default: reader.Unknown(); break;
            }
        }

        if (server is null)
        {
            reader.Fail("--server is required.");
        }

        if (sessions is null)
        {
            reader.Fail("--sessions is required.");
        }

        if (share > 0 && string.IsNullOrWhiteSpace(store))
        {
            reader.Fail("--store is required when --downloaded-share is above 0: downloaded sessions are kept there until uploaded.");
        }

        error = reader.Error;
        if (error is not null)
        {
            return false;
        }

        options = new SimulateOptions(server!, sessions!.Value, share, store, seed, players, daysBack, TimeSpan.FromSeconds(timeout), json);
        return true;
    }
}
