using System.Buffers;
using Microsoft.Data.Sqlite;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// Writes into an open blob (SQLite's incremental blob I/O) through one pooled buffer of 64 KiB, so a document as large
/// as an upload is stored without an array of its size (docs/benchmarks.md, "Memory of one maximal upload").
/// </summary>
internal sealed class SqliteBlobWriter(SqliteBlob blob) : IBufferWriter<byte>, IDisposable
{
    private const int BufferBytes = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _used;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _used);
        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.AsMemory(Reserve(sizeHint));

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.AsSpan(Reserve(sizeHint));

    /// <summary>Writes what the buffer holds into the blob.</summary>
    public void Flush()
    {
        if (_used > 0)
        {
            blob.Write(_buffer, 0, _used);
            _used = 0;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _used < needed)
        {
            Flush();
            if (_buffer.Length < needed)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(needed);
            }
        }

        return _used;
    }
}
