using System.Runtime.InteropServices;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// One write waiting for the writer. Its outcome is kept back until its transaction commits, so a caller
/// never hears "stored" for data a rolled-back batch discarded.
/// </summary>
internal abstract class WriteRequest(CancellationToken cancellationToken) : IGroupCommitWrite
{
    /// <summary>Wins only while the request is queued: once it runs, its true outcome is always reported.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Claims the request for the writer; false when it was cancelled while queued, and must then be skipped.</summary>
    public abstract bool TryStart();

    /// <summary>A short name of the operation, for logs.</summary>
    public abstract string Operation { get; }

    /// <summary>Runs the request's checks and statements in the open transaction and holds the outcome.</summary>
    public abstract void Execute(SqliteWriteConnection connection, long now);

    /// <summary>Hands the held outcome to the caller; called only after the commit.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);

    /// <summary>
    /// The event's JSON as the array SQLite binds, copied on the caller's thread so the single writer spends its
    /// time on SQL; an array that is exactly the event is used as it is.
    /// </summary>
    protected static byte[] ToBlob(ReadOnlyMemory<byte> json) =>
        MemoryMarshal.TryGetArray(json, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : json.ToArray();
}
