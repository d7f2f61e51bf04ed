using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Playtrail.Core.Processing;

namespace Playtrail.Storage.Sessions;

/// <summary>
/// A JSON document for a store to write (a session's report or calls): its bytes when it is small (up to
/// <see cref="KeepAtMostBytes"/>), else its length and the means to write it again straight into where it goes. A session that repeats large custom metadata writes a report
/// and calls each as large as its upload (docs/benchmarks.md, "Memory of one maximal upload"); held as bytes until the
/// store had written them, the two cost about twice the upload besides the upload itself.
/// </summary>
public sealed class StoredJson
{
    /// <summary>Documents up to this size are kept as bytes; larger ones are written twice: measured, then where they go.</summary>
    public const long KeepAtMostBytes = 1024 * 1024;

    private readonly ReadOnlySequence<byte> _bytes;
    private readonly Action<Utf8JsonWriter>? _write;

    private StoredJson(ReadOnlySequence<byte> bytes, long length, Action<Utf8JsonWriter>? write)
    {
        _bytes = bytes;
        Length = length;
        _write = write;
    }

    /// <summary>The document's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Whether the bytes are held (false: they are written again on demand).</summary>
    public bool IsHeld => _write is null;

    /// <summary>A document given as its bytes.</summary>
    public static StoredJson Of(ReadOnlySequence<byte> bytes) => new(bytes, bytes.Length, null);

    /// <summary>A document given as one array.</summary>
    public static StoredJson Of(byte[] bytes) => Of(new ReadOnlySequence<byte>(bytes));

    /// <summary>
    /// Runs <paramref name="write"/> once, keeping its bytes if they are at most <paramref name="keepAtMost"/>; beyond,
    /// only their length is kept, and <paramref name="write"/> runs again whenever the document is written out, so it
    /// must write the same bytes every time and what it reads must stay as it is until the document has been stored.
    /// </summary>
    public static StoredJson Write(Action<Utf8JsonWriter> write, long keepAtMost = KeepAtMostBytes)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ChunkedJsonBuffer(keepAtMost);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        // A kept document becomes one array here, on the caller's thread, so the store's writer binds it as it is.
        return buffer.Kept ? Of(buffer.ToArray()) : new StoredJson(default, buffer.Length, write);
    }

    /// <summary>Writes the document into <paramref name="destination"/>; throws if it came out at another length than measured.</summary>
    public void WriteTo(IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (_write is null)
        {
            foreach (var chunk in _bytes)
            {
                destination.Write(chunk.Span);
            }

            return;
        }

        var counted = new CountingBufferWriter(destination);
        using (var writer = new Utf8JsonWriter(counted))
        {
            _write(writer);
        }

        if (counted.Written != Length)
        {
            throw new InvalidOperationException($"A stored JSON document was written as {counted.Written} bytes after being measured at {Length}.");
        }
    }

    /// <summary>The document as one array.</summary>
    public byte[] ToArray()
    {
        if (_write is null)
        {
            // An array given whole is used as it is.
            return _bytes.IsSingleSegment && MemoryMarshal.TryGetArray(_bytes.First, out var segment)
                && segment.Offset == 0 && segment.Count == segment.Array!.Length
                ? segment.Array
                : _bytes.ToArray();
        }

        var buffer = new ChunkedJsonBuffer();
        WriteTo(buffer);
        return buffer.ToArray();
    }

    private sealed class CountingBufferWriter(IBufferWriter<byte> inner) : IBufferWriter<byte>
    {
        public long Written { get; private set; }

        public void Advance(int count)
        {
            inner.Advance(count);
            Written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);
    }
}
