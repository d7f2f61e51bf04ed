using Playtrail.Client.Tracking;

namespace Playtrail.Client.Online;

/// <summary>
/// Sends one session's events, in order, one request at a time, from a single background loop: the tracker only
/// enqueues. Events written before the server's 201 simply wait their turn behind the <c>sessionStart</c>.
/// Disposing lets the loop drain what is queued; the client's shutdown token bounds that.
/// </summary>
internal sealed partial class OnlineSessionSink : ISessionSink
{
    private readonly OnlineContext _context;
    private readonly Queue<TrackedEvent> _queue = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly object _lock = new();
    private readonly Random _random = new();
    private bool _completed;

    public OnlineSessionSink(OnlineContext context)
    {
        _context = context;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Finishes when the queue is drained after <see cref="Dispose"/>, or at shutdown.</summary>
    public Task Completion { get; }

    /// <summary>The current server session id, once created (tests read it).</summary>
    public string? SessionId { get; private set; }

    public void Write(TrackedEvent trackedEvent)
    {
        lock (_lock)
        {
            if (_completed)
            {
                _context.Diagnostics.Dropped(DropReason.ShutDown);
                return;
            }

            // The sessionStart is never the one dropped: without it nothing else in the queue can be sent.
            if (_queue.Count >= _context.Options.MaxQueuedEvents && trackedEvent.EventType != EventNames.SessionStart)
            {
                _context.Diagnostics.Dropped(DropReason.QueueFull);
                Log.QueueFull(_context.Logger, _context.Options.MaxQueuedEvents, trackedEvent.EventType);
                return;
            }

            _queue.Enqueue(trackedEvent);
        }

        _signal.Release();
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _completed = true;
        }

        _signal.Release();
    }

    private async Task RunAsync()
    {
        var cancellationToken = _context.Shutdown;
        try
        {
            while (true)
            {
                TrackedEvent next;
                lock (_lock)
                {
                    if (_queue.Count == 0 && _completed)
                    {
                        return;
                    }

                    next = _queue.Count > 0 ? _queue.Dequeue() : default;
                }

                if (next.Json is null)
                {
                    await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await ProcessAsync(next, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            DropRemaining("the client shut down before they were sent");
        }
#pragma warning disable CA1031 // A background loop must end quietly; the host app never sees its failures.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.SenderFailed(_context.Logger, exception);
            _context.Diagnostics.Error("The online sender stopped: " + exception.GetType().Name);
            DropRemaining("the sender stopped");
        }
    }

    private void DropRemaining(string reason)
    {
        int count;
        lock (_lock)
        {
            _completed = true;
            count = _queue.Count;
            _queue.Clear();
        }

        if (count > 0)
        {
            _context.Diagnostics.Dropped(DropReason.ShutDown, count);
            Log.EventsDropped(_context.Logger, count, reason);
        }
    }
}
