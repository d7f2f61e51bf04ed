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
    ILogger<RawEventRetentionService> logger) : RawEventRetentionLoop(options, timeProvider, logger)
{
    /// <summary>Runs one pass and returns the partitions it dropped.</summary>
    public Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken cancellationToken) =>
        Options.RawEvents is { } age
            ? store.DropRawEventsBeforeAsync(Time.GetUtcNow() - age, cancellationToken)
            : Task.FromResult<IReadOnlyList<string>>([]);

    protected override Task PassAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        store.DropRawEventsBeforeAsync(cutoff, cancellationToken);
}
