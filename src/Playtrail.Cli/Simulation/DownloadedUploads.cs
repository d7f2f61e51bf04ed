using Playtrail.Client;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// The downloaded half of a simulation: each player's device store under <c>--store</c>, and the upload of what
/// they hold once playing is over.
/// </summary>
internal sealed class DownloadedUploads
{
    /// <summary>Downloaded sessions the server took.</summary>
    public int Delivered { get; private set; }

    /// <summary>Downloaded sessions still waiting after a transient failure.</summary>
    public int RetryLater { get; private set; }

    /// <summary>Downloaded sessions the server refused.</summary>
    public int DeadLettered { get; private set; }

    /// <summary>Gives a player that plays downloaded sessions its own store file.</summary>
    public static void Configure(PlaytrailClientOptions clientOptions, SimulateOptions options, PlayerPlan plan)
    {
        _ = clientOptions;
        if (options.DownloadedShare > 0 && plan.Sessions.Any(session => session.Script.Downloaded))
        {
            throw new NotSupportedException("Downloaded mode needs the SDK's device store, which this build does not have yet.");
        }
    }

    /// <summary>Uploads what every player's store holds.</summary>
    public Task UploadAsync(IReadOnlyList<SimulatedPlayer> players, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Delivered += players.Sum(player => player.DownloadedPlayed);
        return Task.CompletedTask;
    }

    /// <summary>Adds the stores' drops to <paramref name="dropped"/>.</summary>
    public void AddDrops(Dictionary<string, long> dropped)
    {
        if (DeadLettered > 0)
        {
            dropped["DeadLettered"] = DeadLettered;
        }
    }
}
