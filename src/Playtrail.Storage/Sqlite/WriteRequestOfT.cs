namespace Playtrail.Storage.Sqlite;

/// <summary>A write whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class WriteRequest<TResult>(CancellationToken cancellationToken) : WriteRequest(cancellationToken)
{
    // Asynchronous continuations: completing a caller must never run its code on the writer loop.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TResult? _outcome;

    public Task<TResult> Task => _completion.Task;

    public sealed override void Execute(SqliteWriteConnection connection, long now) => _outcome = Run(connection, now);

    public sealed override void Complete() => _completion.TrySetResult(_outcome!);

    public sealed override void Fail(Exception exception) => _completion.TrySetException(exception);

    public sealed override void Cancel() => _completion.TrySetCanceled(CancellationToken);

    protected abstract TResult Run(SqliteWriteConnection connection, long now);
}
