using System.Diagnostics.CodeAnalysis;
using Playtrail.Server.Ingestion;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Reporting;

/// <summary>
/// Adds the node's upload counts to the store every few seconds and once more at shutdown. A failed flush keeps the
/// counts for the next one; they are statistics, so a crash between flushes loses at most one interval of them
/// (the uploads themselves are committed before they are answered).
/// </summary>
internal sealed class UploadCountFlusher(UploadCounter counter, IReportStore store, TimeProvider timeProvider, ILogger<UploadCountFlusher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: StopAsync flushes what is left.
        }
    }

    /// <summary>Adds what was counted since the last flush.</summary>
    [SuppressMessage("Design", "CA1031", Justification = "A failed flush puts the counts back for the next one and is logged; the host must not stop for it.")]
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var counts = counter.Drain();
        if (counts.Count == 0)
        {
            return;
        }

        try
        {
            await store.AddUploadCountsAsync(counts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            counter.Restore(counts);
            Log.UploadCountsNotFlushed(logger, exception);
        }
    }
}
