using System.IO.Pipelines;
using System.Text;
using Parquet;
using Parquet.Schema;

namespace Playtrail.Server.Exports;

/// <summary>
/// Writes an Apache Parquet file with one typed field per column (BOOLEAN, INT64, DOUBLE, STRING, DATE,
/// TIMESTAMP(MILLIS, UTC); optional where null can occur), Snappy-compressed. Rows are held column by column until a
/// row group is full — <see cref="RowGroupRows"/> rows, or fewer when their text passes <see cref="RowGroupBytes"/> —
/// and each full row group is written and flushed, so memory stays flat however long the export.
/// </summary>
internal sealed class ParquetExportWriter<TRow> : IExportWriter<TRow>, IExportCells
{
    /// <summary>Most rows in a row group.</summary>
    public const int DefaultRowGroupRows = 50_000;

    /// <summary>Estimated bytes held before a row group is written early (long context data JSON of calls).</summary>
    public const long DefaultRowGroupBytes = 32L * 1024 * 1024;

    private const int ValueBytes = 16;

    private readonly IReadOnlyList<ExportColumn<TRow>> _columns;
    private readonly ParquetColumnBuffer[] _buffers;
    private readonly ParquetSchema _schema;
    private readonly PipeOutputStream _stream;
    private ParquetWriter? _writer;
    private int _column;
    private int _rows;
    private long _bytes;

    public ParquetExportWriter(
        IReadOnlyList<ExportColumn<TRow>> columns, PipeWriter output, int rowGroupRows = DefaultRowGroupRows, long rowGroupBytes = DefaultRowGroupBytes)
    {
        _columns = columns;
        _buffers = [.. columns.Select(Buffer)];
        _schema = new ParquetSchema(_buffers.Select(buffer => (Field)buffer.Field));
        _stream = new PipeOutputStream(output);
        RowGroupRows = rowGroupRows;
        RowGroupBytes = rowGroupBytes;
    }

    public int RowGroupRows { get; }

    public long RowGroupBytes { get; }

    public ValueTask WriteAsync(TRow row, CancellationToken cancellationToken)
    {
        for (_column = 0; _column < _columns.Count; _column++)
        {
            _columns[_column].Write(row, this);
        }

        _rows++;
        _bytes += ValueBytes * _columns.Count;
        return _rows >= RowGroupRows || _bytes >= RowGroupBytes ? new ValueTask(WriteRowGroupAsync(cancellationToken)) : ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_rows > 0)
        {
            await WriteRowGroupAsync(cancellationToken).ConfigureAwait(false);
        }

        // With no row at all the file still opens: the schema and zero row groups.
        var writer = await WriterAsync(cancellationToken).ConfigureAwait(false);
        await writer.DisposeAsync().ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    void IExportCells.Boolean(bool? value) => Buffer<bool>().Add(value);

    void IExportCells.Int64(long? value) => Buffer<long>().Add(value);

    void IExportCells.Double(double? value) => Buffer<double>().Add(value);

    void IExportCells.Text(string? value)
    {
        Buffer<ReadOnlyMemory<char>>().Add(value?.AsMemory());
        _bytes += 2L * (value?.Length ?? 0);
    }

    void IExportCells.Date(DateOnly value) => Buffer<DateOnly>().Add(value);

    void IExportCells.Timestamp(DateTimeOffset? value) => Buffer<DateTime>().Add(value?.UtcDateTime);

    void IExportCells.Json(ReadOnlyMemory<byte> utf8Json)
    {
        var text = Encoding.UTF8.GetString(utf8Json.Span);
        Buffer<ReadOnlyMemory<char>>().Add(text.AsMemory());
        _bytes += 2L * text.Length;
    }

    private ParquetColumnBuffer<T> Buffer<T>()
        where T : struct => (ParquetColumnBuffer<T>)_buffers[_column];

    private async Task WriteRowGroupAsync(CancellationToken cancellationToken)
    {
        var writer = await WriterAsync(cancellationToken).ConfigureAwait(false);
        using (var group = writer.CreateRowGroup())
        {
            foreach (var buffer in _buffers)
            {
                await buffer.WriteAsync(group, cancellationToken).ConfigureAwait(false);
                buffer.Clear();
            }

            group.CompleteValidate();
        }

        _rows = 0;
        _bytes = 0;
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<ParquetWriter> WriterAsync(CancellationToken cancellationToken) =>
        _writer ??= await ParquetWriter.CreateAsync(_schema, _stream, cancellationToken: cancellationToken).ConfigureAwait(false);

    private static ParquetColumnBuffer Buffer(ExportColumn<TRow> column) => column.Type switch
    {
        ExportColumnType.Boolean => new ParquetColumnBuffer<bool>(new DataField<bool>(column.Name, column.Nullable)),
        ExportColumnType.Int64 => new ParquetColumnBuffer<long>(new DataField<long>(column.Name, column.Nullable)),
        ExportColumnType.Double => new ParquetColumnBuffer<double>(new DataField<double>(column.Name, column.Nullable)),
        ExportColumnType.Date => new ParquetColumnBuffer<DateOnly>(new DataField<DateOnly>(column.Name, column.Nullable)),
        ExportColumnType.Timestamp => new ParquetColumnBuffer<DateTime>(
            new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: column.Nullable)),
        _ => new ParquetColumnBuffer<ReadOnlyMemory<char>>(new DataField<string>(column.Name, column.Nullable)),
    };
}
