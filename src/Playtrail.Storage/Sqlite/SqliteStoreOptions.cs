namespace Playtrail.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite store, bound from the <c>Storage:Sqlite</c> configuration section.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Storage:Sqlite";

    /// <summary>The default database file, relative to the working directory.</summary>
    public const string DefaultPath = "data/playtrail.db";

    /// <summary>The default largest number of write requests committed in one transaction.</summary>
    public const int DefaultMaxBatchSize = 256;

    /// <summary>The default number of write requests that may wait for the writer before writes are refused.</summary>
    public const int DefaultQueueCapacity = 10_000;

    /// <summary>The largest accepted <see cref="MaxBatchSize"/>: beyond it a failed batch costs more to retry than batching saves.</summary>
    public const int MaxBatchSizeLimit = 10_000;

    /// <summary>The database file. Its directory is created when missing.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>The largest number of write requests committed in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// How many write requests may wait for the writer. When full, a write fails at once with
    /// <see cref="StoreOverloadedException"/> instead of waiting.
    /// </summary>
    public int QueueCapacity { get; set; } = DefaultQueueCapacity;

    /// <summary>
    /// When true (the default), a write that finds the writer idle is committed on its caller's thread, which then goes
    /// on without a hand-off; false hands every batch to a thread-pool worker, as a dedicated writer loop would
    /// (docs/architecture.md, "One writer, group commit"). Meant for measuring one against the other.
    /// </summary>
    public bool DrainOnCaller { get; set; } = true;

    /// <summary>
    /// The most the database file may grow to, in bytes; unset (the default) lets it grow until the disk is full. A
    /// write that would pass it is refused as a full disk refuses it (503), and space freed by deletions is reused.
    /// </summary>
    public long? MaxDatabaseBytes { get; set; }

    /// <summary>The default <see cref="WriterCacheMebibytes"/>.</summary>
    public const int DefaultWriterCacheMebibytes = 16;

    /// <summary>The largest accepted <see cref="WriterCacheMebibytes"/>.</summary>
    public const int MaxWriterCacheMebibytes = 4096;

    /// <summary>
    /// The writer connection's page cache, in MiB. More keeps the B-trees that processing a closed session updates in
    /// memory; less costs each commit less (every commit walks the cache) and holds less memory after large uploads.
    /// </summary>
    public int WriterCacheMebibytes { get; set; } = DefaultWriterCacheMebibytes;

    /// <summary>The default <see cref="CheckpointIntervalMilliseconds"/>.</summary>
    public const int DefaultCheckpointIntervalMilliseconds = 200;

    /// <summary>The largest accepted <see cref="CheckpointIntervalMilliseconds"/>.</summary>
    public const int MaxCheckpointIntervalMilliseconds = 60_000;

    /// <summary>
    /// How often, in milliseconds, a thread of the store's own copies the write-ahead log back into the database file
    /// when something was committed since (a PASSIVE checkpoint, which no write waits for), so that the checkpoint the
    /// writer runs each time the log passes 1,000 pages, holding up every queued write, has almost nothing left to copy.
    /// 0 turns the thread off.
    /// </summary>
    public int CheckpointIntervalMilliseconds { get; set; } = DefaultCheckpointIntervalMilliseconds;

    /// <summary>The smallest accepted <see cref="MaxDatabaseBytes"/>: the empty schema alone takes several hundred KiB.</summary>
    public const long MinMaxDatabaseBytes = 1024 * 1024;
}
