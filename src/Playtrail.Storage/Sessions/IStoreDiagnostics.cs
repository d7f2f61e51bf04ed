namespace Playtrail.Storage.Sessions;

/// <summary>Live figures of a store's write path, for the server's metrics endpoint.</summary>
public interface IStoreDiagnostics
{
    /// <summary>Write transactions committed since the store opened (one per group-committed batch).</summary>
    long CommittedTransactions { get; }

    /// <summary>Writes waiting for the writer right now.</summary>
    int QueuedWrites { get; }
}
