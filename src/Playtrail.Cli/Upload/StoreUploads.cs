using System.Diagnostics;
using Playtrail.Client;
using Playtrail.Client.Offline;

namespace Playtrail.Cli.Upload;

/// <summary>
/// Drains the device stores in a folder: each store's ready sessions oldest first, one in flight, with the SDK's
/// own uploader (so the same Idempotency-Key, back-off and dead-letter rules), store after store.
/// </summary>
internal sealed class StoreUploads(UploadOptions options)
{
    /// <summary>Between passes while a store waits out a back-off after a transient failure.</summary>
    private static readonly TimeSpan PassInterval = TimeSpan.FromMilliseconds(500);

    private int _total;
    private int _uploaded;

    /// <summary>Real time since <see cref="RunAsync"/> began.</summary>
    public Stopwatch Elapsed { get; } = new();

    /// <summary>Sessions uploaded of those ready at the start.</summary>
    public ProgressSnapshot Progress() => new(Volatile.Read(ref _uploaded), Volatile.Read(ref _total), "sessions uploaded");

    /// <summary>Uploads until every store is empty of ready sessions or the timeout passes.</summary>
    public async Task<UploadResult> RunAsync(CancellationToken cancellationToken)
    {
        Elapsed.Start();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var paths = Directory.GetFiles(options.Store, "*.db").Order(StringComparer.Ordinal).ToArray();
        var stores = new List<DeviceSessionStore>(paths.Length);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        int replayed = 0, retried = 0, deadLettered = 0, readyLeft = 0;
        try
        {
            foreach (var path in paths)
            {
                // Generous bounds: opening must never evict what a device recorded under larger ones.
                var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = path, MaxSessions = int.MaxValue, MaxBytes = long.MaxValue });
                stores.Add(store);
                store.RecoverInterrupted();
                Interlocked.Add(ref _total, store.GetDiagnostics().ReadySessions);
            }

            foreach (var store in stores)
            {
                await using var uploader = new SessionUploader(
                    store, http, options.Server, new AlwaysOnlineProbe(), new UploaderOptions { ReconnectDelayMax = TimeSpan.Zero });
                while (store.GetDiagnostics().ReadySessions > 0 && !timeout.IsCancellationRequested)
                {
                    var pass = await uploader.UploadReadyAsync(timeout.Token).ConfigureAwait(false);
                    Interlocked.Add(ref _uploaded, pass.Delivered);
                    replayed += pass.Replayed;
                    deadLettered += pass.DeadLettered;
                    retried += pass.RetryLater;
                    if (pass.Delivered + pass.DeadLettered == 0)
                    {
                        await DelayAsync(timeout.Token).ConfigureAwait(false);
                    }
                }

                readyLeft += store.GetDiagnostics().ReadySessions;
            }
        }
        finally
        {
            foreach (var store in stores)
            {
                store.Dispose();
            }
        }

        return new UploadResult(paths.Length, _uploaded, replayed, retried, deadLettered, readyLeft, Math.Round(Elapsed.Elapsed.TotalSeconds, 1));
    }

    private static async Task DelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(PassInterval, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The timeout: the loop sees it and stops.
        }
    }
}
