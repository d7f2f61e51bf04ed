using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Playtrail.Storage;

/// <summary>
/// Runs a store's raw-event retention pass every <see cref="RawEventRetentionOptions.Interval"/>, with the cutoff
/// <see cref="RawEventRetentionOptions.RawEvents"/> before now; does nothing when no age is set. A failed pass loses
/// nothing (the events are still there for the next one) and is logged.
/// </summary>
internal abstract class RawEventRetentionLoop(IOptions<RawEventRetentionOptions> options, TimeProvider timeProvider, ILogger logger) : BackgroundService
{
    protected RawEventRetentionOptions Options { get; } = options.Value;

    protected TimeProvider Time { get; } = timeProvider;

    /// <summary>Drops what arrived before <paramref name="cutoff"/>.</summary>
    protected abstract Task PassAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Options.RawEvents is not { } age)
        {
            return;
        }

        using var timer = new PeriodicTimer(Options.Interval, Time);
        do
        {
            try
            {
                await PassAsync(Time.GetUtcNow() - age, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.RetentionFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
