using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// Deletes the raw events of processed sessions that arrived more than <see cref="RawEventRetentionOptions.RawEvents"/>
/// ago, in small batches through the single writer (<see cref="SqliteSessionStore.DropRawEventsBeforeAsync"/>).
/// </summary>
internal sealed class SqliteRawEventRetentionService(
    SqliteSessionStore store,
    IOptions<RawEventRetentionOptions> options,
    TimeProvider timeProvider,
    ILogger<SqliteRawEventRetentionService> logger) : RawEventRetentionLoop(options, timeProvider, logger)
{
    /// <summary>Runs one pass and returns the number of events it deleted.</summary>
    public Task<long> RunOnceAsync(CancellationToken cancellationToken) =>
        Options.RawEvents is { } age ? store.DropRawEventsBeforeAsync(Time.GetUtcNow() - age, cancellationToken) : Task.FromResult(0L);

    protected override Task PassAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        store.DropRawEventsBeforeAsync(cutoff, cancellationToken);
}
