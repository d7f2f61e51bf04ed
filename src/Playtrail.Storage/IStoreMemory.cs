namespace Playtrail.Storage;

/// <summary>A store that holds memory it can give back when it is idle (page caches, idle pooled connections).</summary>
public interface IStoreMemory
{
    /// <summary>Frees what the store can rebuild later; data and open work are not affected.</summary>
    Task ReleaseMemoryAsync(CancellationToken cancellationToken);
}
