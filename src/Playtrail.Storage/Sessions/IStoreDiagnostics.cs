namespace Playtrail.Storage.Sessions;

/// <summary>Live figures of a store's write path, for the server's metrics endpoint.</summary>
public interface IStoreDiagnostics
{
    /// <summary>Write transactions committed since the store opened (one per group-committed batch).</summary>
    long CommittedTransactions { get; }

    /// <summary>Writes waiting for the writer right now.</summary>
    int QueuedWrites { get; }

    /// <summary>
    /// Wall time the store's writer has spent committing batches since the store opened (PostgreSQL: its online writer's
    /// lanes, summed). Its rate is the share of the writer kept busy; near 1 on SQLite, whose one writer runs every write,
    /// the store is at its capacity.
    /// </summary>
    TimeSpan WriterBusy { get; }
}
