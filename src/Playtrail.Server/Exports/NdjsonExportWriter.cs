using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Playtrail.Server.Exports;

/// <summary>
/// Writes one JSON object per row, each on its own line ending in LF (NDJSON): properties named and ordered as the
/// columns, null written as <c>null</c>, instants as ISO 8601 UTC strings, days as <c>yyyy-MM-dd</c>, JSON columns as
/// nested objects. Text outside ASCII is written as UTF-8, not escaped.
/// </summary>
internal sealed class NdjsonExportWriter<TRow> : IExportWriter<TRow>, IExportCells
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IReadOnlyList<ExportColumn<TRow>> _columns;
    private readonly JsonEncodedText[] _names;
    private readonly ExportTextBuffer _output;
    private readonly Utf8JsonWriter _json;
    private int _column;

    public NdjsonExportWriter(IReadOnlyList<ExportColumn<TRow>> columns, PipeWriter output)
    {
        _columns = columns;
        _names = [.. columns.Select(column => JsonEncodedText.Encode(column.Name, Options.Encoder))];
        _output = new ExportTextBuffer(output);
        _json = new Utf8JsonWriter(_output, Options);
    }

    public ValueTask WriteAsync(TRow row, CancellationToken cancellationToken)
    {
        _json.WriteStartObject();
        for (_column = 0; _column < _columns.Count; _column++)
        {
            _columns[_column].Write(row, this);
        }

        _json.WriteEndObject();
        _json.Flush();
        // Each line is its own JSON document: the writer starts afresh so it puts no comma between them.
        _json.Reset();
        _output.Write("\n"u8);
        return _output.EndRowAsync(cancellationToken);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _json.DisposeAsync();

    void IExportCells.Boolean(bool? value)
    {
        if (value is { } flag)
        {
            _json.WriteBoolean(_names[_column], flag);
        }
        else
        {
            _json.WriteNull(_names[_column]);
        }
    }

    void IExportCells.Int64(long? value)
    {
        if (value is { } number)
        {
            _json.WriteNumber(_names[_column], number);
        }
        else
        {
            _json.WriteNull(_names[_column]);
        }
    }

    void IExportCells.Double(double? value)
    {
        // JSON has no NaN or infinity; the processor never makes them, and an export must not stop halfway over one.
        if (value is { } number && double.IsFinite(number))
        {
            _json.WriteNumber(_names[_column], number);
        }
        else
        {
            _json.WriteNull(_names[_column]);
        }
    }

    void IExportCells.Text(string? value)
    {
        if (value is null)
        {
            _json.WriteNull(_names[_column]);
        }
        else
        {
            _json.WriteString(_names[_column], value);
        }
    }

    void IExportCells.Date(DateOnly value)
    {
        Span<byte> text = stackalloc byte[ExportText.TimestampBytes];
        _json.WriteString(_names[_column], text[..ExportText.Date(value, text)]);
    }

    void IExportCells.Timestamp(DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            Span<byte> text = stackalloc byte[ExportText.TimestampBytes];
            _json.WriteString(_names[_column], text[..ExportText.Timestamp(instant, text)]);
        }
        else
        {
            _json.WriteNull(_names[_column]);
        }
    }

    void IExportCells.Json(ReadOnlyMemory<byte> utf8Json)
    {
        _json.WritePropertyName(_names[_column]);
        // The stored calls were written by System.Text.Json and parsed on the way here; no need to validate again.
        _json.WriteRawValue(utf8Json.Span, skipInputValidation: true);
    }
}
