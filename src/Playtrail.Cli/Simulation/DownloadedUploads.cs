using System.Diagnostics;
using System.Globalization;
using Playtrail.Client;
using Playtrail.Client.Offline;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// The downloaded half of a simulation: each player's device store under <c>--store</c> (one file per player, as a
/// device has one), and flushing what they hold once playing is over. The client's own uploader already sends
/// sessions as they end; this makes sure nothing is left and counts the outcome.
/// </summary>
internal sealed class DownloadedUploads
{
    /// <summary>Nothing moved for this long: nudge the player's clock so a back-off in virtual time can end.</summary>
    private static readonly TimeSpan StallBeforeNudge = TimeSpan.FromMilliseconds(200);

    private readonly object _lock = new();
    private readonly Dictionary<string, long> _drops = new(StringComparer.Ordinal);

    /// <summary>Downloaded sessions the server took during the run.</summary>
    public int Delivered { get; private set; }

    /// <summary>Downloaded sessions still ready in the stores at the end (after transient failures).</summary>
    public int RetryLater { get; private set; }

    /// <summary>Downloaded sessions the server refused during the run.</summary>
    public int DeadLettered { get; private set; }

    /// <summary>The store file of player <paramref name="player"/> in <paramref name="directory"/>.</summary>
    public static string StorePath(string directory, int player) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"player-{player:D3}.db"));

    /// <summary>Gives a player that plays downloaded sessions its own store, big enough to hold all of them.</summary>
    public static void Configure(PlaytrailClientOptions clientOptions, SimulateOptions options, PlayerPlan plan)
    {
        var downloaded = plan.Sessions.Count(session => session.Script.Downloaded);
        if (options.Store is null || downloaded == 0)
        {
            return;
        }

        // The defaults suit a phone; a simulated player may hold hundreds of sessions before the final flush.
        clientOptions.DownloadedStore = new DeviceStoreOptions
        {
            Path = StorePath(options.Store, plan.Player),
            MaxSessions = Math.Max(DeviceStoreOptions.DefaultMaxSessions, downloaded + 10),
            MaxBytes = DeviceStoreOptions.DefaultMaxBytes + (downloaded * 512L * 1024),
        };
    }

    /// <summary>Flushes every player's store until no session is ready or open, or <paramref name="cancellationToken"/> ends it.</summary>
    public async Task UploadAsync(IReadOnlyList<SimulatedPlayer> players, CancellationToken cancellationToken)
    {
        await Task.WhenAll(players.Where(player => player.Client.DeviceStore is not null).Select(player => FlushAsync(player, cancellationToken)))
            .ConfigureAwait(false);
    }

    /// <summary>Adds the stores' drops during the run to <paramref name="dropped"/>.</summary>
    public void AddDrops(Dictionary<string, long> dropped)
    {
        lock (_lock)
        {
            foreach (var (reason, events) in _drops)
            {
                dropped[reason] = dropped.GetValueOrDefault(reason) + events;
            }
        }
    }

    private async Task FlushAsync(SimulatedPlayer player, CancellationToken cancellationToken)
    {
        var store = player.Client.DeviceStore!;
        var stalled = Stopwatch.StartNew();
        var lastReady = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            await player.Client.UploadPendingAsync(cancellationToken).ConfigureAwait(false);
            var now = store.GetDiagnostics();
            if (now.ReadySessions + now.OpenSessions == 0)
            {
                break;
            }

            if (now.ReadySessions != lastReady)
            {
                lastReady = now.ReadySessions;
                stalled.Restart();
            }
            else if (stalled.Elapsed > StallBeforeNudge)
            {
                player.Clock.Advance(TimeSpan.FromSeconds(1));
                stalled.Restart();
            }

            try
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Tally(player.StoreAtStart!, store.GetDiagnostics());
    }

    private void Tally(DeviceStoreDiagnostics before, DeviceStoreDiagnostics after)
    {
        lock (_lock)
        {
            Delivered += (int)(after.DeliveredSessions - before.DeliveredSessions);
            DeadLettered += Math.Max(0, after.DeadLetters - before.DeadLetters);
            RetryLater += after.ReadySessions + after.OpenSessions;
            foreach (var (reason, count) in after.Drops)
            {
                var earlier = before.Drops.TryGetValue(reason, out var old) ? old.Events : 0;
                if (count.Events > earlier)
                {
                    var name = "Store" + reason;
                    _drops[name] = _drops.GetValueOrDefault(name) + count.Events - earlier;
                }
            }
        }
    }
}
