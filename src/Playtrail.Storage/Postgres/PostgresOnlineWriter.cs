using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// Group commit of online writes (docs/architecture.md, "Group commit on PostgreSQL"). Callers queue event appends and
/// session starts on a bounded channel; each of a few loops takes up to <see cref="PostgresStoreOptions.MaxBatchSize"/>
/// of them, runs them in one transaction (<see cref="PostgresOnlineBatch"/>), commits once and only then completes
/// each caller's task with its own outcome. When a batch's transaction fails it is rolled back and each write is
/// retried alone, so one bad write fails only itself.
/// </summary>
internal sealed class PostgresOnlineWriter : IAsyncDisposable
{
    private readonly Channel<PostgresOnlineWrite> _queue;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresEventPartitions _partitions;
    private readonly ILogger _logger;
    private readonly int _maxBatchSize;
    private readonly int _queueCapacity;
    private readonly Task[] _loops;
    private TaskCompletionSource? _pause;
    private Exception? _failure;
    private long _committedTransactions;
    private long _failedBatches;
    private int _writing;
    private int _closing;

    public PostgresOnlineWriter(NpgsqlDataSource dataSource, PostgresEventPartitions partitions, PostgresStoreOptions options, ILogger logger)
    {
        _dataSource = dataSource;
        _partitions = partitions;
        _logger = logger;
        _maxBatchSize = options.MaxBatchSize;
        _queueCapacity = options.QueueCapacity;
        _queue = Channel.CreateBounded<PostgresOnlineWrite>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = options.Writers == 1,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loops = Enumerable.Range(0, options.Writers).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>Batches committed so far.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _committedTransactions);

    /// <summary>Batches whose shared transaction failed and whose writes were retried one by one.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>Writes queued or in a batch that has not committed yet.</summary>
    public int PendingWrites => _queue.Reader.Count + Volatile.Read(ref _writing);

    /// <summary>Queues <paramref name="write"/> without waiting: a full queue fails the returned task at once.</summary>
    public Task<AppendOutcome> Enqueue(PostgresOnlineWrite write)
    {
        if (write.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<AppendOutcome>(write.CancellationToken);
        }

        if (_queue.Writer.TryWrite(write))
        {
            return write.Task;
        }

        // TryWrite also fails once the channel is completed; _closing is set before completion, so checking it after
        // the failure tells a closed store from a full queue.
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closing) != 0, typeof(PostgresSessionStore));
        if (Volatile.Read(ref _failure) is { } failure)
        {
            return Task.FromException<AppendOutcome>(new InvalidOperationException("The PostgreSQL store's online writer has stopped.", failure));
        }

        return Task.FromException<AppendOutcome>(new StoreOverloadedException(
            $"The PostgreSQL store's online write queue is full ({_queueCapacity} writes waiting)."));
    }

    /// <summary>Test hook: holds every loop before its next batch, so writes pile up in the queue.</summary>
    internal void Pause() =>
        Interlocked.CompareExchange(ref _pause, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Test hook: lets paused loops go on.</summary>
    internal void Resume() => Interlocked.Exchange(ref _pause, null)?.TrySetResult();

    /// <summary>Refuses new writes and lets the loops commit everything already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        Resume();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    [SuppressMessage("Design", "CA1031", Justification = "The loop must outlive any one failure: each failure is handed to the callers it concerns, never swallowed.")]
    private async Task RunAsync()
    {
        var batch = new List<PostgresOnlineWrite>(_maxBatchSize);
        var reader = _queue.Reader;
        // Each loop keeps one connection: returning it to the pool after every batch would cost the database a reset of
        // the session's state each time.
        var connection = new LoopConnection(_dataSource);
        await using var closeConnection = connection.ConfigureAwait(false);
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (Volatile.Read(ref _pause) is { } pause)
                {
                    await pause.Task.ConfigureAwait(false);
                }

                while (batch.Count < _maxBatchSize && reader.TryRead(out var write))
                {
                    // A write cancelled while queued has already been answered and is skipped unrun.
                    if (write.TryStart())
                    {
                        batch.Add(write);
                    }
                }

                if (batch.Count > 0)
                {
                    Interlocked.Add(ref _writing, batch.Count);
                    await WriteBatchAsync(connection, batch).ConfigureAwait(false);
                    Interlocked.Add(ref _writing, -batch.Count);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Only a bug in this loop lands here (every write's own failure is caught below): no caller may be left
            // waiting on a loop that is gone, so the queue is closed and drained.
            Volatile.Write(ref _failure, exception);
            _logger.PostgresWriterStopped(exception);
            _queue.Writer.TryComplete(exception);
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            while (reader.TryRead(out var write))
            {
                write.Fail(exception);
            }
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "A failed batch is retried write by write, and each write gets its own failure.")]
    private async Task WriteBatchAsync(LoopConnection connection, List<PostgresOnlineWrite> batch)
    {
        try
        {
            await CommitAsync(connection, batch).ConfigureAwait(false);
            foreach (var write in batch)
            {
                write.Complete();
            }

            return;
        }
        catch (Exception exception) when (batch.Count > 1)
        {
            Interlocked.Increment(ref _failedBatches);
            _logger.BatchFailed(exception, batch.Count);
        }
        catch (Exception exception)
        {
            _logger.WriteFailed(exception, batch[0].Operation);
            batch[0].Fail(StoreFullException.Translate(exception));
            return;
        }

        // Claimed writes are retried even when their caller has gone: their answer must be their true outcome.
        foreach (var write in batch)
        {
            try
            {
                await CommitAsync(connection, [write]).ConfigureAwait(false);
                write.Complete();
            }
            catch (Exception exception)
            {
                _logger.WriteFailed(exception, write.Operation);
                write.Fail(StoreFullException.Translate(exception));
            }
        }
    }

    /// <summary>
    /// One transaction for <paramref name="writes"/>. An insert that finds its month's partition gone (dropped by another
    /// node's retention) makes the partitions be created again and the batch run once more.
    /// </summary>
    private async Task CommitAsync(LoopConnection loopConnection, List<PostgresOnlineWrite> writes)
    {
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
                Interlocked.Increment(ref _committedTransactions);
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
