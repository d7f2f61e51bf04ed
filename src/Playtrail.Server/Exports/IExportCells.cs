namespace Playtrail.Server.Exports;

/// <summary>
/// Receives one row's values, column after column in the columns' order; each export format implements it. A column
/// calls exactly one method per row, the one of its <see cref="ExportColumnType"/>.
/// </summary>
internal interface IExportCells
{
    void Boolean(bool? value);

    void Int64(long? value);

    void Double(double? value);

    void Text(string? value);

    void Date(DateOnly value);

    /// <summary>An instant, written to the millisecond (finer parts are dropped in every format alike).</summary>
    void Timestamp(DateTimeOffset? value);

    /// <summary>A JSON object as UTF-8 text.</summary>
    void Json(ReadOnlyMemory<byte> utf8Json);
}
