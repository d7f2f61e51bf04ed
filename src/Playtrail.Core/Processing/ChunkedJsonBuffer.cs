using System.Buffers;

namespace Playtrail.Core.Processing;

/// <summary>
/// Collects written JSON in chunks of 64 KiB and hands it back as the chunks themselves (<see cref="ToSequence"/>), or
/// as one array of exactly its size. A report or a list of calls can be as large as the upload it comes from (custom
/// metadata repeated per chapter or ad), and a growing <see cref="ArrayBufferWriter{T}"/> would leave about twice that
/// behind in doubled arrays on the large object heap, which only a full collection frees; these chunks are small
/// objects that the next young collection takes back, and a store that can write them one by one needs no array of the
/// whole document at all.
/// </summary>
internal sealed class ChunkedJsonBuffer : IBufferWriter<byte>
{
    // Below the large object heap's 85,000-byte threshold.
    private const int ChunkBytes = 64 * 1024;

    private readonly List<(byte[] Chunk, int Used)> _full = [];
    private byte[] _current = new byte[ChunkBytes];
    private int _used;
    private int _fullBytes;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _current.Length - _used);
        _used += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        // Reserve first: it may replace the current chunk.
        var start = Reserve(sizeHint);
        return _current.AsMemory(start);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        var start = Reserve(sizeHint);
        return _current.AsSpan(start);
    }

    /// <summary>Everything written, as one array.</summary>
    public byte[] ToArray()
    {
        var result = GC.AllocateUninitializedArray<byte>(_fullBytes + _used);
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

    /// <summary>Makes room for at least <paramref name="sizeHint"/> bytes (one at least) and returns where it starts.</summary>
    private int Reserve(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_current.Length - _used < needed)
        {
            if (_used > 0)
            {
                _full.Add((_current, _used));
                _fullBytes += _used;
            }

            _current = new byte[Math.Max(ChunkBytes, needed)];
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
