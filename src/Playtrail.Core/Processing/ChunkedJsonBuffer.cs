using System.Buffers;

namespace Playtrail.Core.Processing;

/// <summary>
/// Collects written JSON in chunks of 64 KiB and hands it back as the chunks themselves (<see cref="ToSequence"/>), or
/// as one array of exactly its size. A report or a list of calls can be as large as the upload it comes from (custom
/// metadata repeated per chapter or ad), and a growing <see cref="ArrayBufferWriter{T}"/> would leave about twice that
/// behind in doubled arrays on the large object heap, which only a full collection frees; these chunks are small
/// objects that the next young collection takes back. With a limit (<see cref="ChunkedJsonBuffer(long)"/>) a document
/// that grows past it is only counted from then on: its writer knows its length and can write it again where it goes.
/// </summary>
public sealed class ChunkedJsonBuffer : IBufferWriter<byte>
{
    // Below the large object heap's 85,000-byte threshold.
    private const int ChunkBytes = 64 * 1024;

    private readonly List<(byte[] Chunk, int Used)> _full = [];
    private readonly long _keepAtMost;
    private byte[] _current = new byte[ChunkBytes];
    private int _used;
    private long _fullBytes;

    /// <summary>A buffer that keeps everything written.</summary>
    public ChunkedJsonBuffer()
        : this(long.MaxValue)
    {
    }

    /// <summary>A buffer that keeps what is written while it is at most <paramref name="keepAtMost"/> bytes, and counts it beyond.</summary>
    public ChunkedJsonBuffer(long keepAtMost)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keepAtMost);
        _keepAtMost = keepAtMost;
    }

    /// <summary>Bytes written so far.</summary>
    public long Length => _fullBytes + _used;

    /// <summary>Whether every byte written is kept (false once the limit was passed: the bytes were only counted).</summary>
    public bool Kept { get; private set; } = true;

    /// <inheritdoc />
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Length - _used);
        _used += count;
        if (Kept && Length > _keepAtMost)
        {
            // Past the limit: drop what was kept, and count the rest through the current chunk.
            Kept = false;
            _full.Clear();
            _fullBytes += _used;
            _used = 0;
        }
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve first: it may replace the current chunk.
        var start = Reserve(sizeHint);
        return _current.AsMemory(start);
    }

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _current.AsSpan(start);
    }

    /// <summary>Everything written, as one array.</summary>
    public byte[] ToArray()
    {
        ThrowUnlessKept();
        var result = GC.AllocateUninitializedArray<byte>(checked((int)Length));
        var offset = 0;
        foreach (var (chunk, used) in _full)
        {
            chunk.AsSpan(0, used).CopyTo(result.AsSpan(offset));
            offset += used;
        }

        _current.AsSpan(0, _used).CopyTo(result.AsSpan(offset));
        return result;
    }

    /// <summary>Everything written, as the chunks it was written into (no copy).</summary>
    public ReadOnlySequence<byte> ToSequence()
    {
        ThrowUnlessKept();
        if (_full.Count == 0)
        {
            return new ReadOnlySequence<byte>(_current, 0, _used);
        }

        var first = new Segment(_full[0].Chunk.AsMemory(0, _full[0].Used), 0);
        var last = first;
        for (var i = 1; i < _full.Count; i++)
        {
            last = last.Append(_full[i].Chunk.AsMemory(0, _full[i].Used));
        }

        if (_used > 0)
        {
            last = last.Append(_current.AsMemory(0, _used));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private void ThrowUnlessKept()
    {
        if (!Kept)
        {
            throw new InvalidOperationException($"The document passed the buffer's limit of {_keepAtMost} bytes and was only counted.");
        }
    }

    /// <summary>Makes room for at least <paramref name="sizeHint"/> bytes (one at least) and returns where it starts.</summary>
    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used < needed)
        {
            if (_used > 0)
            {
                _fullBytes += _used;
                if (Kept)
                {
                    _full.Add((_current, _used));
                }
            }

            if (Kept || _current.Length < needed)
            {
                _current = new byte[Math.Max(ChunkBytes, needed)];
            }

            _used = 0;
        }

        return _used;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
