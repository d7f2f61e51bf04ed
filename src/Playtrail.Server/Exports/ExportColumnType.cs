namespace Playtrail.Server.Exports;

/// <summary>The type of an export column: what the writers write and what Parquet declares.</summary>
internal enum ExportColumnType
{
    /// <summary><c>true</c> / <c>false</c>; Parquet BOOLEAN.</summary>
    Boolean,

    /// <summary>A whole number; Parquet INT64.</summary>
    Int64,

    /// <summary>A number; Parquet DOUBLE.</summary>
    Double,

    /// <summary>Text; Parquet BYTE_ARRAY annotated STRING.</summary>
    Text,

    /// <summary>A day (<c>yyyy-MM-dd</c>); Parquet INT32 annotated DATE.</summary>
    Date,

    /// <summary>An instant, ISO 8601 UTC to the millisecond in text; Parquet INT64 annotated TIMESTAMP(MILLIS, UTC).</summary>
    Timestamp,

    /// <summary>A JSON object: nested in NDJSON, its JSON text in CSV and Parquet (a STRING column).</summary>
    Json,
}
