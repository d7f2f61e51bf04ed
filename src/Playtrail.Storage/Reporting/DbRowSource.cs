using System.Diagnostics.CodeAnalysis;
using System.Data.Common;

namespace Playtrail.Storage.Reporting;

/// <summary>Rows through ADO.NET, for any provider (the PostgreSQL store reads its reports this way).</summary>
internal sealed class DbRowSource(DbConnection connection) : IRowSource
{
    [SuppressMessage("Reliability", "CA2000", Justification = "Ownership passes to the returned reader, which disposes it.")]
    public async Task<IRowReader> QueryAsync(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var command = DbCommands.Create(connection, sql);
        try
        {
            foreach (var (name, value) in parameters)
            {
                command.With(name, value);
            }

            return new Reader(command, await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await command.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private sealed class Reader(DbCommand command, DbDataReader reader) : IRowReader
    {
        public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => await reader.ReadAsync(cancellationToken).ConfigureAwait(false);

        public bool IsNull(int column) => reader.IsDBNull(column);

        public long GetInt64(int column) => reader.GetInt64(column);

        public double GetDouble(int column) => reader.GetDouble(column);

        public bool GetBoolean(int column) => reader.GetBoolean(column);

        public string GetString(int column) => reader.GetString(column);

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
