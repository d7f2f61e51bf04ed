using System.Threading.Channels;

namespace Playtrail.Server.Processing;

/// <summary>
/// Processes online sessions closed by their own last event (<c>sessionEnd</c>, <c>sessionComplete</c>) after that
/// event has been answered, one at a time in the order they closed, so a closing request costs what a ping costs.
/// </summary>
/// <remarks>
/// docs/decisions/0022-closes-answered-before-processing.md. The closing event is committed before its 204 as any
/// event is; what waits is only its report. Reads wait for it (<see cref="WaitForEarlierAsync"/>, called by
/// <see cref="ProcessingBarrierMiddleware"/>), so on one node a report asked for after a close's answer is the
/// processed one. A session still queued when the process stops is closed and unprocessed in the store, which the
/// recovery pass picks up at the next sweep, as after a crash.
/// </remarks>
internal sealed class ClosedSessionQueue(SessionProcessingService processing) : BackgroundService
{
    /// <summary>Sessions that may wait; beyond it a closing request processes its session itself before answering.</summary>
    public const int Capacity = 10_000;

    private readonly Channel<string> _channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Lock _gate = new();
    private readonly List<(long Ticket, TaskCompletionSource Done)> _waiters = [];
    private long _queued;
    private long _finished;
    private TaskCompletionSource? _paused;

    /// <summary>Sessions queued and not processed yet.</summary>
    public long Waiting => Volatile.Read(ref _queued) - Volatile.Read(ref _finished);

    /// <summary>Queues a closed session; false when the queue is full or stopping, and the caller should process it itself.</summary>
    public bool TryQueue(string sessionId)
    {
        // Under the lock, so that a ticket counts exactly the sessions written before it.
        lock (_gate)
        {
            if (!_channel.Writer.TryWrite(sessionId))
            {
                return false;
            }

            _queued++;
            return true;
        }
    }

    /// <summary>
    /// Completes once every session queued before the call has been processed (or has failed, for the recovery pass to
    /// retry), or after <paramref name="limit"/>, whichever comes first.
    /// </summary>
    public Task WaitForEarlierAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var ticket = Volatile.Read(ref _queued);
        if (Volatile.Read(ref _finished) >= ticket)
        {
            return Task.CompletedTask;
        }

        TaskCompletionSource done;
        lock (_gate)
        {
            if (_finished >= ticket)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((ticket, done));
        }

        return WaitAsync(done.Task, limit, cancellationToken);
    }

    /// <summary>Test hook: holds the loop before its next session, so closed sessions stay queued.</summary>
    internal void Pause() => Interlocked.CompareExchange(ref _paused, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);

    /// <summary>Test hook: lets a paused loop go on.</summary>
    internal void Resume() => Interlocked.Exchange(ref _paused, null)?.TrySetResult();

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // New closes are processed by their own requests from here; the loop drains what is queued, as long as the
        // host's shutdown allows.
        lock (_gate)
        {
            _channel.Writer.TryComplete();
        }

        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not stoppingToken: StopAsync completes the channel, and the loop ends once the queue is empty.
        await foreach (var sessionId in _channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (Volatile.Read(ref _paused) is { } paused)
            {
                try
                {
                    await paused.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    // Stopped while held: what is still queued is left to the recovery pass, as after a crash.
                    return;
                }
            }

            try
            {
                await processing.TryProcessClosedAsync(sessionId, CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                Finished();
            }
        }
    }

    private void Finished()
    {
        lock (_gate)
        {
            var finished = ++_finished;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Ticket <= finished)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    private static async Task WaitAsync(Task done, TimeSpan limit, CancellationToken cancellationToken)
    {
        try
        {
            await done.WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A backlog longer than the limit: the read answers with what is processed so far rather than wait on.
        }
    }
}
