using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The single writer (group commit). Callers queue requests on a bounded channel; one loop takes up to
/// <see cref="SqliteStoreOptions.MaxBatchSize"/> of them, runs them all in one transaction, commits once (one
/// fsync for the whole batch) and only then completes each caller's task with its own outcome. When the batch
/// transaction fails, it is rolled back and each request is retried alone, so one bad request fails only itself.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private readonly Channel<WriteRequest> _queue;
    private readonly string _connectionString;
    private readonly long? _maxDatabaseBytes;
    private readonly int _maxBatchSize;
    private readonly int _queueCapacity;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private SqliteWriteConnection? _connection;
    private TaskCompletionSource? _pause;
    private Exception? _failure;
    private long _committedTransactions;
    private long _failedBatches;
    private int _closing;

    /// <summary>Starts the loop on an opened, migrated connection, which the writer then owns.</summary>
    public SqliteWriter(SqliteWriteConnection connection, string connectionString, SqliteStoreOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _connection = connection;
        _connectionString = connectionString;
        _maxDatabaseBytes = options.MaxDatabaseBytes;
        _maxBatchSize = options.MaxBatchSize;
        _queueCapacity = options.QueueCapacity;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = Channel.CreateBounded<WriteRequest>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far, batched or single.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _committedTransactions);

    /// <summary>Batches whose shared transaction failed and whose requests were retried one by one.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>Requests waiting for the writer.</summary>
    public int QueuedRequests => _queue.Reader.Count;

    /// <summary>False once the loop has stopped, by disposal or by a fault.</summary>
    public bool IsRunning => !_loop.IsCompleted;

    /// <summary>Queues <paramref name="request"/> without waiting: a full queue fails the returned task at once.</summary>
    public Task<TResult> Enqueue<TResult>(WriteRequest<TResult> request)
    {
        if (request.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(request.CancellationToken);
        }

        if (_queue.Writer.TryWrite(request))
        {
            return request.Task;
        }

        // TryWrite also fails once the channel is completed; _closing is set before completion, so checking it
        // after the failure tells a closed store from a full queue.
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _closing) != 0, typeof(SqliteSessionStore));
        if (Volatile.Read(ref _failure) is { } failure)
        {
            return Task.FromException<TResult>(new InvalidOperationException("The SQLite writer has stopped.", failure));
        }

        return Task.FromException<TResult>(new StoreOverloadedException(
            $"The SQLite store's write queue is full ({_queueCapacity} requests waiting)."));
    }

    /// <summary>Test hook: holds the loop before its next batch, so requests pile up in the queue.</summary>
    internal void Pause() =>
        Interlocked.CompareExchange(ref _pause, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Test hook: lets a paused loop go on.</summary>
    internal void Resume() => Interlocked.Exchange(ref _pause, null)?.TrySetResult();

    /// <summary>Refuses new writes, lets the loop commit everything already queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        Resume();
        await _loop.ConfigureAwait(false);
        _connection?.Dispose();
        _connection = null;
    }

    [SuppressMessage("Design", "CA1031", Justification = "The loop must outlive any one failure: each failure is handed to the callers it concerns, never swallowed.")]
    private async Task RunAsync()
    {
        var batch = new List<WriteRequest>(_maxBatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                if (Volatile.Read(ref _pause) is { } pause)
                {
                    await pause.Task.ConfigureAwait(false);
                }

                while (batch.Count < _maxBatchSize && reader.TryRead(out var request))
                {
                    // A request cancelled while queued (its caller's deadline passed or the client left) has already
                    // been answered and is skipped unrun.
                    if (request.TryStart())
                    {
                        batch.Add(request);
                    }
                }

                if (batch.Count > 0)
                {
                    WriteBatch(batch);
                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            // Only a bug in this loop lands here (every write's own failure is caught below): no caller may be
            // left waiting on a loop that is gone.
            Volatile.Write(ref _failure, exception);
            _logger.WriterStopped(exception);
            _queue.Writer.TryComplete(exception);
            foreach (var request in batch)
            {
                request.Fail(exception);
            }

            while (reader.TryRead(out var request))
            {
                request.Fail(exception);
            }
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "A failed batch is retried request by request, and each request gets its own failure.")]
    private void WriteBatch(List<WriteRequest> batch)
    {
        try
        {
            Commit(batch);
            foreach (var request in batch)
            {
                request.Complete();
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

        // Claimed requests are retried even when their caller has gone: their answer must be their true outcome.
        foreach (var request in batch)
        {
            try
            {
                Commit([request]);
                request.Complete();
            }
            catch (Exception exception)
            {
                _logger.WriteFailed(exception, request.Operation);
                request.Fail(StoreFullException.Translate(exception));
            }
        }
    }

    private void Commit(List<WriteRequest> requests)
    {
        // A connection dropped after a failed rollback is reopened here, once per attempt: a disk that stays
        // broken fails each request with its own error instead of stopping the loop.
        var connection = _connection ??= SqliteWriteConnection.Open(_connectionString, _maxDatabaseBytes, _timeProvider, _logger, out _);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var transaction = connection.BeginTransaction();
        try
        {
            foreach (var request in requests)
            {
                request.Execute(connection, now);
            }

            transaction.Commit();
        }
        catch
        {
            RollBack(transaction);
            throw;
        }
        finally
        {
            transaction.Dispose();
        }

        Interlocked.Increment(ref _committedTransactions);
    }

    [SuppressMessage("Design", "CA1031", Justification = "Whatever the rollback failure, the connection is dropped and a fresh one opened for the next write.")]
    private void RollBack(Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (Exception exception)
        {
            // The connection's transaction state is unknown now; a fresh connection is the safe way on.
            _logger.RollbackFailed(exception);
            _connection?.Dispose();
            _connection = null;
        }
    }
}
