namespace Playtrail.Storage.Sqlite;

/// <summary>Frees the writer connection's page cache, on the writer loop that owns the connection.</summary>
internal sealed class ShrinkMemoryRequest(CancellationToken cancellationToken) : WriteRequest<bool>(cancellationToken)
{
    public override string Operation => "shrink memory";

    protected override bool Run(SqliteWriteConnection connection, long now)
    {
        connection.ShrinkMemory();
        return true;
    }
}
