namespace Playtrail.Storage;

/// <summary>
/// The caller's side of one queued write: a task completed only after the write's transaction commits, and a
/// cancellation that wins only while the write is still queued. The token is watched from the moment the write is
/// queued, so a caller whose deadline passes is answered at once even when the writer is busy with a long
/// transaction; once the writer has claimed the write (<see cref="TryStart"/>) cancellation is ignored and the true
/// outcome is always reported, so "cancelled" always means "not written".
/// </summary>
internal sealed class PendingWrite<TResult>
{
    private const int Queued = 0;
    private const int Running = 1;
    private const int Cancelled = 2;

    // Asynchronous continuations: completing a caller must never run its code on a writer loop.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenRegistration _registration;
    private int _state;

    public PendingWrite(CancellationToken cancellationToken)
    {
        CancellationToken = cancellationToken;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(static (state, token) => ((PendingWrite<TResult>)state!).CancelIfQueued(token), this);
        }
    }

    public CancellationToken CancellationToken { get; }

    public Task<TResult> Task => _completion.Task;

    /// <summary>Claims the write for the writer; false when it was cancelled while queued (then it must not run).</summary>
    public bool TryStart()
    {
        if (Interlocked.CompareExchange(ref _state, Running, Queued) != Queued)
        {
            return false;
        }

        // Unregister, not Dispose: Dispose would wait for a callback running on another thread, which has lost anyway.
        _registration.Unregister();
        return true;
    }

    /// <summary>Hands the outcome to the caller; called only after the commit.</summary>
    public void Complete(TResult outcome) => _completion.TrySetResult(outcome);

    public void Fail(Exception exception)
    {
        _registration.Unregister();
        _completion.TrySetException(exception);
    }

    private void CancelIfQueued(CancellationToken token)
    {
        if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
        {
            _completion.TrySetCanceled(token);
        }
    }
}
