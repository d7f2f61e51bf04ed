using System.Buffers;
using System.IO.Pipelines;

namespace Playtrail.Server.Exports;

/// <summary>
/// A write-only, forward-only stream over the response pipe, for the Parquet library. Parquet files are written front to
/// back (the footer, which points back at the row groups, comes last), so no seeking is needed and nothing is spooled to
/// disk; the library counts the bytes itself to know each column chunk's offset. Synchronous writes only copy into the
/// pipe's buffer; the library's synchronous <see cref="Flush"/> before each page is a no-op, since Kestrel forbids
/// synchronous I/O and the asynchronous writes flush anyway.
/// </summary>
internal sealed class PipeOutputStream(PipeWriter output) : Stream
{
    private long _written;
    private long _unflushed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        output.Write(buffer);
        _written += buffer.Length;
        _unflushed += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        if (_unflushed >= ExportText.FlushBytes)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Flush()
    {
        // See the class summary: bytes written are already in the pipe; the next asynchronous write or flush sends them.
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        _unflushed = 0;
        return ExportText.FlushAsync(output, cancellationToken).AsTask();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
