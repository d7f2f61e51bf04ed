using System.Diagnostics;
using Playtrail.Client;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// One simulated device: its own <see cref="PlaytrailClient"/> on its own virtual clock, playing its
/// <see cref="PlayerPlan"/> one session after another. Sending stays real: the SDK's HTTP requests go to the server
/// at full speed while the clock only decides timestamps, ping timers and retry delays.
/// </summary>
internal sealed class SimulatedPlayer : IAsyncDisposable
{
    /// <summary>
    /// With nothing sent for this long, the clock is nudged one second: a sender may be waiting out a retry delay,
    /// which in virtual time only ends when the clock moves.
    /// </summary>
    private static readonly TimeSpan StallBeforeNudge = TimeSpan.FromMilliseconds(100);

    private readonly PlayerPlan _plan;
    private readonly MediaTracker _online;
    private readonly MediaTracker _downloaded;
    private long _onlineEmitted;
    private long _downloadedEmitted;
    private long _deliveredAtEnd;
    private volatile bool _disposed;

    public SimulatedPlayer(PlayerPlan plan, PlaytrailClientOptions options)
    {
        _plan = plan;
        Clock = new VirtualClock(plan.ClockStart);
        Client = new PlaytrailClient(options, timeProvider: Clock, connectivityProbe: new AlwaysOnlineProbe());
        StoreAtStart = Client.DeviceStore?.GetDiagnostics();
        _online = Client.CreateTracker(TrackingMode.Online);
        _downloaded = Client.CreateTracker(TrackingMode.Downloaded);
    }

    public VirtualClock Clock { get; }

    public PlaytrailClient Client { get; }

    /// <summary>The device store's counters before this run, so the result counts only what the run did; null without a store.</summary>
    public Playtrail.Client.Offline.DeviceStoreDiagnostics? StoreAtStart { get; }

    /// <summary>Online sessions played so far.</summary>
    public int OnlinePlayed { get; private set; }

    /// <summary>Downloaded sessions played so far.</summary>
    public int DownloadedPlayed { get; private set; }

    /// <summary>Events the online sessions emitted (pings included).</summary>
    public long OnlineEmitted => Interlocked.Read(ref _onlineEmitted);

    /// <summary>Events the downloaded sessions emitted, which went to the device store.</summary>
    public long DownloadedEmitted => Interlocked.Read(ref _downloadedEmitted);

    /// <summary>Downloaded sessions the server took during this run (as the client's own uploader or a flush sent them).</summary>
    public long DownloadedDelivered =>
        _disposed || StoreAtStart is null || Client.DeviceStore is not { } store
            ? Interlocked.Read(ref _deliveredAtEnd)
            : store.GetDiagnostics().DeliveredSessions - StoreAtStart.DeliveredSessions;

    /// <summary>Online events the server took or the SDK gave up on.</summary>
    public long OnlineSettled => Client.Diagnostics.EventsSent + Client.Diagnostics.EventsDropped;

    /// <summary>
    /// Plays every session of the plan. Before each online session it waits until the one before the last is sent,
    /// so a fast virtual clock cannot pile up unbounded requests on the server; <paramref name="played"/> is called
    /// after each session. Returns false when <paramref name="cancellationToken"/> stopped it.
    /// </summary>
    public async Task<bool> PlayAsync(Action played, CancellationToken cancellationToken)
    {
        var emittedBeforePrevious = 0L;
        foreach (var session in _plan.Sessions)
        {
            if (session.Start > Clock.GetUtcNow())
            {
                Clock.SetUtcNow(session.Start);
            }

            var downloaded = session.Script.Downloaded;
            if (!downloaded && !await WaitForOnlineAsync(emittedBeforePrevious, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var before = Client.Diagnostics.EventsEmitted;
            emittedBeforePrevious = OnlineEmitted;
            SessionRunner.Run(session.Script, downloaded ? _downloaded : _online, Clock);
            var emitted = Client.Diagnostics.EventsEmitted - before;
            if (downloaded)
            {
                Interlocked.Add(ref _downloadedEmitted, emitted);
                DownloadedPlayed++;
            }
            else
            {
                Interlocked.Add(ref _onlineEmitted, emitted);
                OnlinePlayed++;
            }

            played();
        }

        return true;
    }

    /// <summary>Waits until every online event is sent or dropped; false when <paramref name="cancellationToken"/> ran out first.</summary>
    public Task<bool> DrainOnlineAsync(CancellationToken cancellationToken) => WaitForOnlineAsync(OnlineEmitted, cancellationToken);

    public ValueTask DisposeAsync()
    {
        // The store's counters go with it; keep the last reading for the final progress line.
        Interlocked.Exchange(ref _deliveredAtEnd, DownloadedDelivered);
        _disposed = true;
        _online.Dispose();
        _downloaded.Dispose();
        return Client.DisposeAsync();
    }

    private async Task<bool> WaitForOnlineAsync(long target, CancellationToken cancellationToken)
    {
        var lastSettled = -1L;
        var stalled = Stopwatch.StartNew();
        while (OnlineSettled < target)
        {
            var settled = OnlineSettled;
            if (settled != lastSettled)
            {
                lastSettled = settled;
                stalled.Restart();
            }
            else if (stalled.Elapsed > StallBeforeNudge)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                stalled.Restart();
            }

            try
            {
                await Task.Delay(2, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }
}
