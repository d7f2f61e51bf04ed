using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace Playtrail.Storage;

/// <summary>One write waiting in a <see cref="GroupCommitQueue{TWrite}"/>.</summary>
internal interface IGroupCommitWrite
{
    /// <summary>Wins only while the write is queued: once it runs, its true outcome is always reported.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>A short name of the operation, for logs.</summary>
    string Operation { get; }

    /// <summary>Claims the write for a drainer; false when it was cancelled while queued, and must then be skipped.</summary>
    bool TryStart();

    /// <summary>Hands the outcome of the write's last run to its caller; called only after its transaction commits.</summary>
    void Complete();

    /// <summary>Fails the caller's task with <paramref name="exception"/>.</summary>
    void Fail(Exception exception);
}

/// <summary>What a store does with one batch: runs every write in one transaction and commits it, or throws (rolled back).</summary>
internal interface IBatchCommitter<TWrite>
{
    /// <summary>
    /// Runs <paramref name="writes"/> in one transaction on drainer <paramref name="lane"/> (0 to the queue's drainers − 1;
    /// no two drainers share a lane at once, so a lane can own a connection). Each write keeps its own outcome.
    /// </summary>
    ValueTask CommitAsync(List<TWrite> writes, int lane);
}

/// <summary>How a <see cref="GroupCommitQueue{TWrite}"/> batches, and how it names itself in errors.</summary>
/// <param name="MaxBatchSize">The most writes one transaction takes.</param>
/// <param name="Capacity">The most writes waiting at once; one more is refused with <see cref="StoreOverloadedException"/>.</param>
/// <param name="Drainers">The most transactions running at once (1 for SQLite's single writer).</param>
/// <param name="Owner">The store, named by the <see cref="ObjectDisposedException"/> a write after disposal gets.</param>
/// <param name="Description">The queue in error messages, such as "SQLite store's write queue".</param>
/// <param name="DrainOnCaller">Whether a caller that finds a lane free drains on its own thread (else a thread-pool worker does).</param>
internal sealed record GroupCommitOptions(int MaxBatchSize, int Capacity, int Drainers, Type Owner, string Description, bool DrainOnCaller = true);

/// <summary>
/// Group commit, shared by the SQLite writer and the PostgreSQL node's online writer. Callers queue writes; a drainer
/// takes up to <see cref="GroupCommitOptions.MaxBatchSize"/> of them, runs them in one transaction, commits once and only
/// then completes each caller's task with its own outcome. When a batch's transaction fails it is rolled back and each
/// write is retried alone, so one bad write fails only itself.
/// <para>
/// Who drains: a caller that queues a write while a drainer lane is free becomes the drainer, on its own thread, with
/// its own write in the first batch. At low load a write is thus committed by the thread that asked for it and its
/// caller goes on without waiting for another thread and then being woken on a third; the writes that queue meanwhile
/// ride in the same or the next batch (docs/architecture.md, "One writer, group commit"). Once its own write is answered,
/// a caller hands what is left to a thread-pool drainer instead of serving other writes before its own answer goes out.
/// </para>
/// </summary>
internal sealed class GroupCommitQueue<TWrite>
    where TWrite : class, IGroupCommitWrite
{
    private readonly Queue<TWrite> _queue = new();
    private readonly Lock _gate = new();
    private readonly IBatchCommitter<TWrite> _committer;
    private readonly GroupCommitOptions _options;
    private readonly ILogger _logger;
    private readonly Action<Exception> _onStopped;
    private readonly Stack<int> _freeLanes;
    private readonly List<TWrite>[] _batches;
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;
    private bool _paused;
    private bool _closing;
    private int _running;
    private long _committedTransactions;
    private long _failedBatches;
    private long _busyTicks;

    /// <summary>Creates an empty queue; <paramref name="onStopped"/> logs a fault of the queue itself (a bug).</summary>
    public GroupCommitQueue(IBatchCommitter<TWrite> committer, GroupCommitOptions options, ILogger logger, Action<Exception> onStopped)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Drainers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        _committer = committer;
        _options = options;
        _logger = logger;
        _onStopped = onStopped;
        _freeLanes = new Stack<int>(Enumerable.Range(0, options.Drainers).Reverse());
        _batches = Enumerable.Range(0, options.Drainers).Select(_ => new List<TWrite>(options.MaxBatchSize)).ToArray();
    }

    /// <summary>Transactions committed so far, batched or single.</summary>
    public long CommittedTransactions => Interlocked.Read(ref _committedTransactions);

    /// <summary>Batches whose shared transaction failed and whose writes were retried one by one.</summary>
    public long FailedBatches => Interlocked.Read(ref _failedBatches);

    /// <summary>
    /// Wall time the lanes have spent committing batches (the committer's work, its waits and any retries), summed over
    /// lanes: over an interval, its growth divided by the interval is how many lanes were busy on average.
    /// </summary>
    public TimeSpan BusyTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    /// <summary>Writes waiting for a batch.</summary>
    public int Queued
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Writes waiting or in a batch that has not committed yet.</summary>
    public int Pending => Queued + Volatile.Read(ref _running);

    /// <summary>False once disposed or stopped by a fault.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return !_closing && _failure is null;
            }
        }
    }

    /// <summary>
    /// Queues <paramref name="write"/>, and drains on the caller's thread when a lane is free. Returns
    /// <paramref name="outcome"/> (the write's own task) when the write was taken; a write already cancelled is
    /// cancelled, and one refused (the queue is full, or stopped) is failed at once.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The queue is closing.</exception>
    public Task<TResult> Enqueue<TResult>(TWrite write, Task<TResult> outcome)
    {
        if (write.CancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(write.CancellationToken);
        }

        return Add(write) is { } refusal ? Task.FromException<TResult>(refusal) : outcome;
    }

    /// <summary>Queues <paramref name="write"/>; null when taken, else the refusal to fail it with.</summary>
    private Exception? Add(TWrite write)
    {
        int lane;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closing, _options.Owner);
            if (_failure is { } failure)
            {
                return new InvalidOperationException($"The {_options.Description} has stopped.", failure);
            }

            if (_queue.Count >= _options.Capacity)
            {
                return new StoreOverloadedException($"The {_options.Description} is full ({_options.Capacity} writes waiting).");
            }

            _queue.Enqueue(write);
            if (_paused || !_freeLanes.TryPop(out lane))
            {
                return null;
            }
        }

        if (!_options.DrainOnCaller)
        {
            StartBackgroundDrain(lane);
            return null;
        }

        // Runs synchronously up to the store's first real wait: all of it for SQLite, the database round trips for
        // PostgreSQL. Its faults are handled inside; the write's own task carries the outcome.
        _ = DrainAsync(lane, write);
        return null;
    }

    /// <summary>Test hook: holds the drainers before their next batch, so writes pile up in the queue.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _paused = true;
        }
    }

    /// <summary>Test hook: lets writes held by <see cref="Pause"/> go on.</summary>
    public void Resume()
    {
        int lane;
        lock (_gate)
        {
            _paused = false;
            if (_queue.Count == 0 || !_freeLanes.TryPop(out lane))
            {
                return;
            }
        }

        StartBackgroundDrain(lane);
    }

    /// <summary>Refuses new writes and completes once every write already queued has been committed or failed.</summary>
    public Task CloseAsync()
    {
        int lane;
        lock (_gate)
        {
            _closing = true;
            _paused = false;
            if (_queue.Count == 0 || !_freeLanes.TryPop(out lane))
            {
                SignalIfDrained();
                return _drained.Task;
            }
        }

        StartBackgroundDrain(lane);
        return _drained.Task;
    }

    private void StartBackgroundDrain(int lane) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Queue.DrainAsync(state.Lane, own: null), (Queue: this, Lane: lane), preferLocal: false);

    /// <summary>
    /// Commits batches on <paramref name="lane"/> until the queue is empty; a caller draining for its own write
    /// (<paramref name="own"/>) stops once that write is answered and hands the rest to a thread-pool drainer.
    /// </summary>
    [SuppressMessage("Design", "CA1031", Justification = "A fault of the queue itself must reach every waiting caller, never be swallowed.")]
    private async Task DrainAsync(int lane, TWrite? own)
    {
        var batch = _batches[lane];
        var ownTaken = false;
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_queue.Count == 0 || _paused)
                    {
                        _freeLanes.Push(lane);
                        SignalIfDrained();
                        return;
                    }

                    if (ownTaken)
                    {
                        break;
                    }

                    while (batch.Count < _options.MaxBatchSize && _queue.TryDequeue(out var write))
                    {
                        ownTaken |= ReferenceEquals(write, own);
                        // A write cancelled while queued has already been answered and is skipped unrun.
                        if (write.TryStart())
                        {
                            batch.Add(write);
                        }
                    }
                }

                if (batch.Count > 0)
                {
                    Interlocked.Add(ref _running, batch.Count);
                    try
                    {
                        await CommitAsync(batch, lane).ConfigureAwait(false);
                    }
                    finally
                    {
                        Interlocked.Add(ref _running, -batch.Count);
                    }

                    batch.Clear();
                }
            }
        }
        catch (Exception exception)
        {
            Stop(exception, batch, lane);
            return;
        }

        // The caller's own write is answered and more are waiting: the rest is the thread pool's work.
        StartBackgroundDrain(lane);
    }

    /// <summary>Commits <paramref name="batch"/> (see <see cref="CommitOrRetryAsync"/>) and counts the time in <see cref="BusyTime"/>.</summary>
    private async ValueTask CommitAsync(List<TWrite> batch, int lane)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await CommitOrRetryAsync(batch, lane).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    [SuppressMessage("Design", "CA1031", Justification = "A failed batch is retried write by write, and each write gets its own failure.")]
    private async ValueTask CommitOrRetryAsync(List<TWrite> batch, int lane)
    {
        try
        {
            await _committer.CommitAsync(batch, lane).ConfigureAwait(false);
            Interlocked.Increment(ref _committedTransactions);
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
        List<TWrite> single = [default!];
        foreach (var write in batch)
        {
            single[0] = write;
            try
            {
                await _committer.CommitAsync(single, lane).ConfigureAwait(false);
                Interlocked.Increment(ref _committedTransactions);
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
    /// Only a bug in the queue lands here (every write's own failure is caught in <see cref="CommitAsync"/>): no caller
    /// may be left waiting, so the queue refuses new writes and fails everything it holds.
    /// </summary>
    private void Stop(Exception exception, List<TWrite> batch, int lane)
    {
        _onStopped(exception);
        List<TWrite> left;
        lock (_gate)
        {
            _failure ??= exception;
            left = [.. batch, .. _queue];
            _queue.Clear();
            batch.Clear();
            _freeLanes.Push(lane);
            SignalIfDrained();
        }

        foreach (var write in left)
        {
            write.Fail(exception);
        }
    }

    /// <summary>Called under the gate: completes <see cref="CloseAsync"/> once closing, idle and empty.</summary>
    private void SignalIfDrained()
    {
        if (_closing && _queue.Count == 0 && _freeLanes.Count == _options.Drainers)
        {
            _drained.TrySetResult();
        }
    }
}
