using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>
/// Opens stores of one backend on one database that outlives each store, so a contract test can close a store
/// and open another on the same data. Disposing the harness removes the database.
/// </summary>
public abstract class SessionStoreHarness : IAsyncDisposable
{
    /// <summary>Opens and initializes a store on the harness's database.</summary>
    public abstract Task<ISessionStore> OpenAsync(TimeProvider timeProvider);

    public abstract ValueTask DisposeAsync();
}
