using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The single writer (group commit, <see cref="GroupCommitQueue{TWrite}"/> with one drainer): writes run in batches of
/// up to <see cref="SqliteStoreOptions.MaxBatchSize"/> in one transaction on the one write connection, one commit (and
/// one fsync) for the whole batch, and each caller hears its own outcome only after the commit.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable, IBatchCommitter<WriteRequest>
{
    private readonly GroupCommitQueue<WriteRequest> _queue;
    private readonly string _connectionString;
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SqliteCheckpointer? _checkpointer;
    private SqliteWriteConnection? _connection;
    private int _closing;

    /// <summary>
    /// Takes writes at once on an opened, migrated connection, which the writer then owns; tells
    /// <paramref name="checkpointer"/>, if any, how much each commit added to the log, and stops it when disposed.
    /// </summary>
    public SqliteWriter(
        SqliteWriteConnection connection, string connectionString, SqliteStoreOptions options, TimeProvider timeProvider, ILogger logger,
        SqliteCheckpointer? checkpointer = null)
    {
        _checkpointer = checkpointer;
        _connection = connection;
        _connectionString = connectionString;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _queue = new GroupCommitQueue<WriteRequest>(
            this,
            new GroupCommitOptions(options.MaxBatchSize, options.QueueCapacity, Drainers: 1, typeof(SqliteSessionStore), "SQLite store's write queue", options.DrainOnCaller),
            logger,
            logger.WriterStopped);
    }

    /// <summary>Transactions committed so far, batched or single.</summary>
    public long CommittedTransactions => _queue.CommittedTransactions;

    /// <summary>Wall time spent committing batches (<see cref="GroupCommitQueue{TWrite}.BusyTime"/>).</summary>
    public TimeSpan BusyTime => _queue.BusyTime;

    /// <summary>Batches whose shared transaction failed and whose requests were retried one by one.</summary>
    public long FailedBatches => _queue.FailedBatches;

    /// <summary>Requests waiting for the writer.</summary>
    public int QueuedRequests => _queue.Queued;

    /// <summary>False once disposed or stopped by a fault.</summary>
    public bool IsRunning => _queue.IsRunning;

    /// <summary>
    /// Queues <paramref name="request"/>; when the writer is idle it runs at once on the caller's thread. A full queue
    /// fails the returned task at once.
    /// </summary>
    public Task<TResult> Enqueue<TResult>(WriteRequest<TResult> request) => _queue.Enqueue(request, request.Task);

    /// <summary>Test hook: holds the writer before its next batch, so requests pile up in the queue.</summary>
    internal void Pause() => _queue.Pause();

    /// <summary>Test hook: lets a paused writer go on.</summary>
    internal void Resume() => _queue.Resume();

    /// <summary>
    /// Refuses new writes, commits everything already queued, stops the checkpoint thread (after the last commit, so
    /// none reports to a stopped thread; before the connection closes, so the writer's is the last one, which SQLite
    /// checkpoints and removes the log on), then closes the connection.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        await _queue.CloseAsync().ConfigureAwait(false);
        _checkpointer?.Dispose();
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>One transaction for <paramref name="writes"/>; the single drainer lane owns the connection.</summary>
    ValueTask IBatchCommitter<WriteRequest>.CommitAsync(List<WriteRequest> writes, int lane)
    {
        // A connection dropped after a failed rollback is reopened here, once per attempt: a disk that stays
        // broken fails each request with its own error instead of stopping the writer.
        var connection = _connection ??= SqliteWriteConnection.Open(_connectionString, _options, _timeProvider, _logger, out _);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var transaction = connection.BeginTransaction();
        try
        {
            foreach (var request in writes)
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

        // After the try: nothing past the commit may fail the batch, or the queue would run its writes again.
        _checkpointer?.LogGrew(connection.TakeLogPagesWritten());

        return ValueTask.CompletedTask;
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
