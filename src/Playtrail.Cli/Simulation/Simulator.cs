using System.Diagnostics;
using System.Globalization;
using Playtrail.Client;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// Runs a whole simulation: generates the scripts, deals them to players, plays them in parallel, waits for the
/// online events to go out and uploads the downloaded sessions, then sums up what every client did.
/// </summary>
internal sealed class Simulator(SimulateOptions options)
{
    private const string Uploading = "downloaded sessions uploaded";
    private readonly Stopwatch _elapsed = new();
    private List<SimulatedPlayer> _players = [];
    private int _played;
    private volatile string _phase = "sessions";

    /// <summary>Real time since <see cref="RunAsync"/> began.</summary>
    public Stopwatch Elapsed => _elapsed;

    /// <summary>Progress for the bar: sessions played, then online events settled, then sessions uploaded.</summary>
    public ProgressSnapshot Progress()
    {
        var players = _players;
        return _phase switch
        {
            "sessions" => new ProgressSnapshot(Volatile.Read(ref _played), options.Sessions, "sessions played"),
            Uploading => new ProgressSnapshot(players.Sum(player => player.DownloadedDelivered), players.Sum(player => player.DownloadedPlayed), Uploading),
            _ => new ProgressSnapshot(
                players.Sum(player => Math.Min(player.OnlineSettled, player.OnlineEmitted)), players.Sum(player => player.OnlineEmitted), _phase),
        };
    }

    /// <summary>Plays, waits and uploads; stops early (and says so in the result) when the timeout or <paramref name="cancellationToken"/> ends it.</summary>
    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken)
    {
        _elapsed.Start();
        var now = TimeProvider.System.GetUtcNow();
        var scripts = ScriptGenerator.Generate(options.Seed, options.Sessions, options.DownloadedShare, options.DaysBack);
        var plans = SimulationPlan.Create(scripts, options.Players, now);
        _players = plans.Select(plan => new SimulatedPlayer(plan, ClientOptions(plan))).ToList();
        var uploads = new DownloadedUploads();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            await Task.WhenAll(_players.Select(player => Task.Run(() => player.PlayAsync(() => Interlocked.Increment(ref _played), timeout.Token))))
                .ConfigureAwait(false);
            _phase = "online events sent";
            await Task.WhenAll(_players.Select(player => player.DrainOnlineAsync(timeout.Token))).ConfigureAwait(false);
            if (options.DownloadedShare > 0)
            {
                _phase = Uploading;
                await uploads.UploadAsync(_players, timeout.Token).ConfigureAwait(false);
            }

            return Result(plans, uploads, now);
        }
        finally
        {
            foreach (var player in _players)
            {
                await player.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private PlaytrailClientOptions ClientOptions(PlayerPlan plan)
    {
        var clientOptions = new PlaytrailClientOptions
        {
            ServerUrl = options.Server,
            TrackingServer = "simulate.playtrail.example",
            ReportSuite = "playtrailsimulate",
            OrganizationId = "5151515151515151@AdobeOrg",
            PlayerName = "playtrail-simulate",
            Channel = "simulation",
            AppVersion = typeof(Simulator).Assembly.GetName().Version?.ToString(),
        };
        DownloadedUploads.Configure(clientOptions, options, plan);
        return clientOptions;
    }

    private SimulationResult Result(IReadOnlyList<PlayerPlan> plans, DownloadedUploads uploads, DateTimeOffset now)
    {
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in _players.SelectMany(player => player.Client.Diagnostics.DroppedByReason).Where(pair => pair.Value > 0))
        {
            var name = reason.ToString();
            dropped[name] = dropped.GetValueOrDefault(name) + count;
        }

        uploads.AddDrops(dropped);
        var starts = plans.SelectMany(plan => plan.Sessions).Select(session => session.Start).DefaultIfEmpty(now).ToArray();
        var from = Day(starts.Min());
        var to = Day(starts.Max() > now ? starts.Max() : now);
        var server = options.Server.OriginalString.TrimEnd('/');
        var onlineEmitted = _players.Sum(player => player.OnlineEmitted);
        var onlineSettled = _players.Sum(player => Math.Min(player.OnlineSettled, player.OnlineEmitted));
        return new SimulationResult(
            options.Seed,
            _players.Sum(player => player.OnlinePlayed),
            _players.Sum(player => player.DownloadedPlayed),
            _players.Sum(player => player.Client.Diagnostics.EventsEmitted),
            onlineEmitted,
            _players.Sum(player => player.Client.Diagnostics.EventsSent),
            onlineEmitted - onlineSettled,
            dropped,
            uploads.Delivered,
            uploads.RetryLater,
            uploads.DeadLettered,
            Math.Round(_elapsed.Elapsed.TotalSeconds, 1),
            from,
            to,
            $"{server}/api/v1/reports/summary?groupBy=downloaded&from={from}&to={to}");
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
