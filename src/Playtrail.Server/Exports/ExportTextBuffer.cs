using System.Buffers;
using System.IO.Pipelines;

namespace Playtrail.Server.Exports;

/// <summary>
/// Where the text formats write their rows: a buffer of their own, handed to the response pipe in one piece each time
/// it passes <see cref="ExportText.FlushBytes"/>. Writing cell by cell into Kestrel's pipe instead would take its lock
/// for every cell, about a hundred times a row.
/// </summary>
internal sealed class ExportTextBuffer(PipeWriter output) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _buffer = new(ExportText.FlushBytes + (ExportText.FlushBytes / 4));

    public void Advance(int count) => _buffer.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0) => _buffer.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _buffer.GetSpan(sizeHint);

    /// <summary>Called after each row: passes the buffer on and flushes once it is full.</summary>
    public ValueTask EndRowAsync(CancellationToken cancellationToken) =>
        _buffer.WrittenCount < ExportText.FlushBytes ? ValueTask.CompletedTask : FlushAsync(cancellationToken);

    /// <summary>Passes what the buffer holds to the pipe and flushes it.</summary>
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        output.Write(_buffer.WrittenSpan);
        _buffer.ResetWrittenCount();
        return ExportText.FlushAsync(output, cancellationToken);
    }
}
