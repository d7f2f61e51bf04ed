namespace Playtrail.Cli.Export;

/// <summary>What <c>playtrail export</c> downloaded.</summary>
/// <param name="File">The file written.</param>
/// <param name="Rows">Rows received (counted in NDJSON and CSV; null for Parquet).</param>
/// <param name="AdvertisedRows">Rows the server counted before it started (<c>Playtrail-Export-Rows</c>).</param>
/// <param name="Bytes">Bytes received.</param>
/// <param name="ElapsedSeconds">Real time taken.</param>
internal sealed record ExportResult(string File, long? Rows, long? AdvertisedRows, long Bytes, double ElapsedSeconds);
