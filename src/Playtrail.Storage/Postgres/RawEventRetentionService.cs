using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// Drops raw-event partitions older than <see cref="RawEventRetentionOptions.RawEvents"/>, on every node: dropping is
/// idempotent and serialised by the partition advisory lock, so nodes need not agree on who does it.
/// </summary>
internal sealed class RawEventRetentionService(
    PostgresSessionStore store,
    IOptions<RawEventRetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<RawEventRetentionService> logger) : BackgroundService
{
    private readonly RawEventRetentionOptions _options = options.Value;

    /// <summary>Runs one pass and returns the partitions it dropped.</summary>
    public Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken cancellationToken) =>
        _options.RawEvents is { } age
            ? store.DropRawEventsBeforeAsync(timeProvider.GetUtcNow() - age, cancellationToken)
            : Task.FromResult<IReadOnlyList<string>>([]);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RawEvents is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, timeProvider);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Nothing is lost by a failed pass: the partitions are still there for the next one.
                logger.RetentionFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
