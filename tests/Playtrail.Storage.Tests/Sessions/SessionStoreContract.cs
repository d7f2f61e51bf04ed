using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>
/// The behaviour every <see cref="ISessionStore"/> backend must show, written once against the interface. A
/// backend runs it by deriving a sealed class that supplies its <see cref="SessionStoreHarness"/>. The tests are
/// split by feature across the <c>SessionStoreContract.*.cs</c> files.
/// </summary>
public abstract partial class SessionStoreContract : IAsyncLifetime
{
    private SessionStoreHarness? _harness;

    /// <summary>The store's clock; starts at <see cref="StoreInputs"/>' reference time and moves only when a test advances it.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    protected ISessionStore Store { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _harness = CreateHarness();
        Store = await _harness.OpenAsync(Time);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    protected abstract SessionStoreHarness CreateHarness();

    /// <summary>Closes the store and opens a new one on the same database, as a restart would.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await _harness!.OpenAsync(Time);
    }

    /// <summary>Creates an online session received now, and returns it.</summary>
    protected async Task<NewSession> StartOnlineSessionAsync(long ts = StoreInputs.FirstTs)
    {
        var session = StoreInputs.OnlineSession(StoreInputs.SessionStart(ts), Time.GetUtcNow());
        await Store.CreateOnlineSessionAsync(session, StoreInputs.SessionStart(ts), None);
        return session;
    }
}
