using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace Playtrail.Server.Exports;

/// <summary>
/// Writes RFC 4180 CSV in UTF-8 (no byte order mark): a header row of the column names, then one record per row, every
/// record ending in CRLF. A field is quoted when it holds a comma, a quote, CR or LF, with quotes doubled; a line break
/// inside a quoted value is kept as it was. Null is an empty field and an empty text is <c>""</c>, so the two stay
/// apart. Numbers use the invariant culture (shortest round-trip form for doubles), booleans are <c>true</c> /
/// <c>false</c>, instants ISO 8601 UTC to the millisecond, JSON columns their JSON text.
/// </summary>
internal sealed class CsvExportWriter<TRow> : IExportWriter<TRow>, IExportCells
{
    private static readonly SearchValues<char> QuotedChars = SearchValues.Create(",\"\r\n");

    private readonly IReadOnlyList<ExportColumn<TRow>> _columns;
    private readonly ExportTextBuffer _output;
    private bool _headerWritten;
    private bool _firstField;

    public CsvExportWriter(IReadOnlyList<ExportColumn<TRow>> columns, PipeWriter output)
    {
        _columns = columns;
        _output = new ExportTextBuffer(output);
    }

    public ValueTask WriteAsync(TRow row, CancellationToken cancellationToken)
    {
        WriteHeaderOnce();
        _firstField = true;
        foreach (var column in _columns)
        {
            column.Write(row, this);
        }

        Raw("\r\n"u8);
        return _output.EndRowAsync(cancellationToken);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        // An export of no rows is still a valid file with its header.
        WriteHeaderOnce();
        return _output.FlushAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    void IExportCells.Boolean(bool? value)
    {
        Separator();
        if (value is { } flag)
        {
            Raw(flag ? "true"u8 : "false"u8);
        }
    }

    void IExportCells.Int64(long? value)
    {
        Separator();
        if (value is { } number)
        {
            var span = _output.GetSpan(ExportText.NumberBytes);
            number.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
            Advance(written);
        }
    }

    void IExportCells.Double(double? value)
    {
        Separator();
        if (value is { } number && double.IsFinite(number))
        {
            var span = _output.GetSpan(ExportText.NumberBytes);
            number.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
            Advance(written);
        }
    }

    void IExportCells.Text(string? value)
    {
        Separator();
        if (value is null)
        {
            return;
        }

        if (value.Length == 0)
        {
            Raw("\"\""u8);
        }
        else if (value.AsSpan().ContainsAny(QuotedChars))
        {
            Quoted(Encoding.UTF8.GetBytes(value));
        }
        else
        {
            var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length));
            Advance(Encoding.UTF8.GetBytes(value, span));
        }
    }

    void IExportCells.Date(DateOnly value)
    {
        Separator();
        Advance(ExportText.Date(value, _output.GetSpan(ExportText.TimestampBytes)));
    }

    void IExportCells.Timestamp(DateTimeOffset? value)
    {
        Separator();
        if (value is { } instant)
        {
            Advance(ExportText.Timestamp(instant, _output.GetSpan(ExportText.TimestampBytes)));
        }
    }

    void IExportCells.Json(ReadOnlyMemory<byte> utf8Json)
    {
        Separator();
        Quoted(utf8Json.Span);
    }

    private void WriteHeaderOnce()
    {
        if (_headerWritten)
        {
            return;
        }

        _headerWritten = true;
        _firstField = true;
        foreach (var column in _columns)
        {
            ((IExportCells)this).Text(column.Name);
        }

        Raw("\r\n"u8);
    }

    /// <summary>Writes <paramref name="utf8"/> between quotes, doubling each quote inside.</summary>
    private void Quoted(ReadOnlySpan<byte> utf8)
    {
        Raw("\""u8);
        while (utf8.IndexOf((byte)'"') is var quote and >= 0)
        {
            Raw(utf8[..(quote + 1)]);
            Raw("\""u8);
            utf8 = utf8[(quote + 1)..];
        }

        Raw(utf8);
        Raw("\""u8);
    }

    private void Separator()
    {
        if (_firstField)
        {
            _firstField = false;
        }
        else
        {
            Raw(","u8);
        }
    }

    private void Raw(ReadOnlySpan<byte> bytes) => _output.Write(bytes);

    private void Advance(int count) => _output.Advance(count);
}
