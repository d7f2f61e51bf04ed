using Microsoft.Extensions.Logging;
using Npgsql;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// Group commit of online writes (docs/architecture.md, "Group commit on PostgreSQL"), on the shared
/// <see cref="GroupCommitQueue{TWrite}"/>: event appends and session starts run in batches of up to
/// <see cref="PostgresStoreOptions.MaxBatchSize"/> in one transaction (<see cref="PostgresOnlineBatch"/>), at most
/// <see cref="PostgresStoreOptions.Writers"/> transactions at once, and each caller hears its own outcome only after
/// its batch commits.
/// </summary>
internal sealed class PostgresOnlineWriter : IAsyncDisposable, IBatchCommitter<PostgresOnlineWrite>
{
    private readonly GroupCommitQueue<PostgresOnlineWrite> _queue;
    private readonly PostgresEventPartitions _partitions;
    private readonly LoopConnection[] _connections;
    private int _closing;

    public PostgresOnlineWriter(NpgsqlDataSource dataSource, PostgresEventPartitions partitions, PostgresStoreOptions options, ILogger logger)
    {
        _partitions = partitions;
        // Each drainer lane keeps one connection: returning it to the pool after every batch would cost the database a
        // reset of the session's state each time.
        _connections = Enumerable.Range(0, options.Writers).Select(_ => new LoopConnection(dataSource)).ToArray();
        _queue = new GroupCommitQueue<PostgresOnlineWrite>(
            this,
            new GroupCommitOptions(options.MaxBatchSize, options.QueueCapacity, options.Writers, typeof(PostgresSessionStore), "PostgreSQL store's online write queue", options.DrainOnCaller),
            logger,
            logger.PostgresWriterStopped);
    }

    /// <summary>Batches committed so far.</summary>
    public long CommittedTransactions => _queue.CommittedTransactions;

    /// <summary>Wall time the lanes have spent committing batches, summed over lanes.</summary>
    public TimeSpan BusyTime => _queue.BusyTime;

    /// <summary>Batches whose shared transaction failed and whose writes were retried one by one.</summary>
    public long FailedBatches => _queue.FailedBatches;

    /// <summary>Writes queued or in a batch that has not committed yet.</summary>
    public int PendingWrites => _queue.Pending;

    /// <summary>Queues <paramref name="write"/>; when a writer lane is free, its batch starts on the caller's thread.</summary>
    public Task<AppendOutcome> Enqueue(PostgresOnlineWrite write) => _queue.Enqueue(write, write.Task);

    /// <summary>Test hook: holds every lane before its next batch, so writes pile up in the queue.</summary>
    internal void Pause() => _queue.Pause();

    /// <summary>Test hook: lets paused lanes go on.</summary>
    internal void Resume() => _queue.Resume();

    /// <summary>Refuses new writes, commits everything already queued, then closes the lanes' connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        await _queue.CloseAsync().ConfigureAwait(false);
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One transaction for <paramref name="writes"/> on lane <paramref name="lane"/>'s connection. An insert that finds
    /// its month's partition gone (dropped by another node's retention) makes the partitions be created again and the
    /// batch run once more.
    /// </summary>
    async ValueTask IBatchCommitter<PostgresOnlineWrite>.CommitAsync(List<PostgresOnlineWrite> writes, int lane)
    {
        var loopConnection = _connections[lane];
        // No caller's token: once a write runs, its outcome is reported; the connection string's timeouts bound the wait.
        var cancellationToken = CancellationToken.None;
        for (var attempt = 0; ; attempt++)
        {
            foreach (var month in writes.Select(write => PostgresEventPartitions.MonthOf(write.ReceivedAt)).Distinct())
            {
                await _partitions.EnsureAsync(PostgresEventPartitions.Start(month), cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var connection = await loopConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await PostgresOnlineBatch.RunAsync(connection, transaction, writes, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException exception) when (
                attempt == 0 && exception.SqlState == PostgresErrorCodes.CheckViolation && exception.TableName == "events")
            {
                foreach (var write in writes)
                {
                    _partitions.Forget(write.ReceivedAt);
                }
            }
            catch (Exception exception) when (exception is not PostgresException)
            {
                // A broken connection, a timeout or a bug: whatever state the connection is in, the next batch gets a fresh one.
                await loopConnection.CloseAsync().ConfigureAwait(false);
                throw;
            }
        }
    }
}
