namespace Playtrail.Server.Exports;

/// <summary>
/// One column of an export: its name, type and nullability, and how to read its value from a row. The three formats
/// write the same list of columns, so a column is declared once (<see cref="SessionColumns"/>, <see cref="CallColumns"/>).
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
internal sealed class ExportColumn<TRow>
{
    private readonly Action<TRow, IExportCells> _write;

    private ExportColumn(string name, ExportColumnType type, bool nullable, Action<TRow, IExportCells> write)
    {
        Name = name;
        Type = type;
        Nullable = nullable;
        _write = write;
    }

    /// <summary>The column's name: the NDJSON property, the CSV header and the Parquet field.</summary>
    public string Name { get; }

    public ExportColumnType Type { get; }

    /// <summary>Whether null can occur (Parquet declares the field optional).</summary>
    public bool Nullable { get; }

    /// <summary>Hands the row's value of this column to <paramref name="cells"/>.</summary>
    public void Write(TRow row, IExportCells cells) => _write(row, cells);

    public static ExportColumn<TRow> Boolean(string name, Func<TRow, bool> read) =>
        new(name, ExportColumnType.Boolean, false, (row, cells) => cells.Boolean(read(row)));

    public static ExportColumn<TRow> NullableBoolean(string name, Func<TRow, bool?> read) =>
        new(name, ExportColumnType.Boolean, true, (row, cells) => cells.Boolean(read(row)));

    public static ExportColumn<TRow> Int64(string name, Func<TRow, long> read) =>
        new(name, ExportColumnType.Int64, false, (row, cells) => cells.Int64(read(row)));

    public static ExportColumn<TRow> NullableInt64(string name, Func<TRow, long?> read) =>
        new(name, ExportColumnType.Int64, true, (row, cells) => cells.Int64(read(row)));

    public static ExportColumn<TRow> Double(string name, Func<TRow, double> read) =>
        new(name, ExportColumnType.Double, false, (row, cells) => cells.Double(read(row)));

    public static ExportColumn<TRow> NullableDouble(string name, Func<TRow, double?> read) =>
        new(name, ExportColumnType.Double, true, (row, cells) => cells.Double(read(row)));

    public static ExportColumn<TRow> Text(string name, Func<TRow, string> read) =>
        new(name, ExportColumnType.Text, false, (row, cells) => cells.Text(read(row)));

    public static ExportColumn<TRow> NullableText(string name, Func<TRow, string?> read) =>
        new(name, ExportColumnType.Text, true, (row, cells) => cells.Text(read(row)));

    public static ExportColumn<TRow> Date(string name, Func<TRow, DateOnly> read) =>
        new(name, ExportColumnType.Date, false, (row, cells) => cells.Date(read(row)));

    public static ExportColumn<TRow> Timestamp(string name, Func<TRow, DateTimeOffset> read) =>
        new(name, ExportColumnType.Timestamp, false, (row, cells) => cells.Timestamp(read(row)));

    public static ExportColumn<TRow> NullableTimestamp(string name, Func<TRow, DateTimeOffset?> read) =>
        new(name, ExportColumnType.Timestamp, true, (row, cells) => cells.Timestamp(read(row)));

    public static ExportColumn<TRow> Json(string name, Func<TRow, ReadOnlyMemory<byte>> read) =>
        new(name, ExportColumnType.Json, false, (row, cells) => cells.Json(read(row)));
}
