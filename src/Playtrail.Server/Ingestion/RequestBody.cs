using Playtrail.Core.Validation;

namespace Playtrail.Server.Ingestion;

/// <summary>A request body read into a pooled buffer; return it with <see cref="Dispose"/> once the data is stored.</summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private readonly int _start;

    public RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;

        _start = ByteOrderMark.Length(buffer.AsSpan(0, length));
        Length = length - _start;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer is null ? throw new ObjectDisposedException(nameof(RequestBody)) : _buffer.AsMemory(_start, Length);

    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>The first byte that is not JSON whitespace, or 0 for an empty body.</summary>
    public byte FirstSignificantByte()
    {
        foreach (var value in Span)
        {
            if (value is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return value;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            BodyBuffers.Return(buffer);
        }
    }
}
