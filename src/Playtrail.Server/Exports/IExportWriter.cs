namespace Playtrail.Server.Exports;

/// <summary>
/// Writes rows in one format to an output pipe as they come: it holds back at most a bounded buffer (a few tens of
/// kilobytes for the text formats, one row group for Parquet) and flushes as that fills. Disposing without completing
/// writes nothing more (a Parquet file without its footer is left unreadable, as a cut-off download should be).
/// </summary>
internal interface IExportWriter<in TRow> : IAsyncDisposable
{
    /// <summary>Writes one row; completes at once unless the buffer was full and had to be flushed.</summary>
    ValueTask WriteAsync(TRow row, CancellationToken cancellationToken);

    /// <summary>Writes what is still held back (and the Parquet footer) and flushes.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
