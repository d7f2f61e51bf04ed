namespace Playtrail.Server.Exports;

/// <summary>A file format an export is written in: its <c>format</c> parameter value, media type and file extension.</summary>
internal sealed record ExportFormat(string Name, string ContentType, string Extension)
{
    /// <summary>One JSON object per line (the default).</summary>
    public static ExportFormat Ndjson { get; } = new("ndjson", "application/x-ndjson", "ndjson");

    /// <summary>RFC 4180 CSV with a header row.</summary>
    public static ExportFormat Csv { get; } = new("csv", "text/csv; charset=utf-8", "csv");

    /// <summary>Apache Parquet with typed columns.</summary>
    public static ExportFormat Parquet { get; } = new("parquet", "application/vnd.apache.parquet", "parquet");

    public static IReadOnlyList<ExportFormat> All { get; } = [Ndjson, Csv, Parquet];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(format => format.Name)];

    /// <summary>The format named <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public static ExportFormat Of(string name) => All.Single(format => format.Name == name);
}
