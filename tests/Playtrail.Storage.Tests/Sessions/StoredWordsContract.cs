using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>
/// The words a store keeps for a session's status and close reason: exactly those of <see cref="SessionStatusText"/>
/// and <see cref="CloseReasonText"/>, which the schema's CHECK constraints must accept and the store must read back as
/// the same enum values. Run on both stores by a sealed class per store.
/// </summary>
public abstract class StoredWordsContract : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private SessionStoreHarness _harness = null!;
    private ISessionStore _store = null!;

    public async Task InitializeAsync()
    {
        _harness = CreateHarness();
        _store = await _harness.OpenAsync(_time);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await _harness.DisposeAsync();
    }

    protected abstract SessionStoreHarness CreateHarness();

    /// <summary>An open connection to the harness's database.</summary>
    protected abstract Task<DbConnection> ConnectAsync(SessionStoreHarness harness);

    [Fact]
    public async Task EveryCloseReason_IsAcceptedByTheSchema_AndReadBackAsItself()
    {
        var session = await StartAsync();
        await using var connection = await ConnectAsync(_harness);

        foreach (var reason in CloseReasonText.All)
        {
            var status = CloseReasonText.StatusOf(reason);
            await ExecuteAsync(connection,
                $"UPDATE sessions SET status = '{SessionStatusText.Name(status)}', close_reason = '{CloseReasonText.Name(reason)}', " +
                $"closed_at = received_at WHERE session_id = '{session.SessionId}'");

            var row = await _store.GetSessionAsync(session.SessionId, CancellationToken.None);
            Assert.Equal((status, reason), (row!.Status, row.CloseReason!.Value));
        }
    }

    [Fact]
    public async Task EveryStatus_IsAcceptedByTheSchema_AndReadBackAsItself()
    {
        var session = await StartAsync();
        await using var connection = await ConnectAsync(_harness);

        foreach (var status in SessionStatusText.All)
        {
            await ExecuteAsync(connection, $"UPDATE sessions SET status = '{SessionStatusText.Name(status)}' WHERE session_id = '{session.SessionId}'");

            Assert.Equal(status, (await _store.GetSessionAsync(session.SessionId, CancellationToken.None))!.Status);
        }
    }

    [Theory]
    [InlineData("status", "closed")]
    [InlineData("status", "Active")]
    [InlineData("close_reason", "timeout")]
    [InlineData("close_reason", "Idle")]
    public async Task AWordOutsideTheLists_IsRefusedByTheSchema(string column, string word)
    {
        var session = await StartAsync();
        await using var connection = await ConnectAsync(_harness);

        await Assert.ThrowsAnyAsync<DbException>(() =>
            ExecuteAsync(connection, $"UPDATE sessions SET {column} = '{word}' WHERE session_id = '{session.SessionId}'"));
    }

    private async Task<NewSession> StartAsync()
    {
        var session = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());
        await _store.CreateOnlineSessionAsync(session, StoreInputs.SessionStart(), CancellationToken.None);
        return session;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
