using Npgsql;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// The connection one writer loop keeps between batches: opened from the pool on first use and again after
/// <see cref="CloseAsync"/>, which the loop calls whenever the connection may be broken.
/// </summary>
internal sealed class LoopConnection(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        await CloseAsync().ConfigureAwait(false);
        _connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return _connection;
    }

    public async ValueTask CloseAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => CloseAsync();
}
