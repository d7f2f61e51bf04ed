namespace Playtrail.Storage.Sqlite;

/// <summary>A write whose caller awaits a <typeparamref name="TResult"/>.</summary>
internal abstract class WriteRequest<TResult> : WriteRequest
{
    private readonly PendingWrite<TResult> _pending;
    private TResult? _outcome;

    protected WriteRequest(CancellationToken cancellationToken)
        : base(cancellationToken) => _pending = new PendingWrite<TResult>(cancellationToken);

    public Task<TResult> Task => _pending.Task;

    public sealed override bool TryStart() => _pending.TryStart();

    public sealed override void Execute(SqliteWriteConnection connection, long now) => _outcome = Run(connection, now);

    public sealed override void Complete() => _pending.Complete(_outcome!);

    public sealed override void Fail(Exception exception) => _pending.Fail(exception);

    protected abstract TResult Run(SqliteWriteConnection connection, long now);
}
