namespace Playtrail.Storage.Postgres;

/// <summary>Settings of the PostgreSQL store, bound from the <c>Storage:Postgres</c> configuration section.</summary>
public sealed class PostgresStoreOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "Storage:Postgres";

    /// <summary>The default largest number of online writes (event appends and session starts) committed in one transaction.</summary>
    public const int DefaultMaxBatchSize = 256;

    /// <summary>The default number of online writes that may wait for a batch before writes are refused.</summary>
    public const int DefaultQueueCapacity = 10_000;

    /// <summary>The default number of batches one node may have in flight at once.</summary>
    public const int DefaultWriters = 1;

    /// <summary>The largest accepted <see cref="MaxBatchSize"/>: beyond it a failed batch costs more to retry than batching saves.</summary>
    public const int MaxBatchSizeLimit = 10_000;

    /// <summary>The largest accepted <see cref="Writers"/>.</summary>
    public const int MaxWritersLimit = 64;

    /// <summary>
    /// The Npgsql connection string (<c>Host=...;Port=...;Database=...;Username=...;Password=...</c>). Every node of a
    /// deployment points at the same database; pool sizes and timeouts are set here too.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The largest number of online writes (event appends and session starts) committed in one transaction (group commit).</summary>
    public int MaxBatchSize { get; set; } = DefaultMaxBatchSize;

    /// <summary>
    /// How many online writes may wait for a batch. When full, a write fails at once with
    /// <see cref="StoreOverloadedException"/> instead of waiting.
    /// </summary>
    public int QueueCapacity { get; set; } = DefaultQueueCapacity;

    /// <summary>
    /// How many batches this node writes at once, each on its own pooled connection. One (the default) makes the largest
    /// batches and so the least database CPU per event; more let the next batch run while one waits for its commit, which
    /// pays when the database is far away (a long round trip) rather than busy.
    /// </summary>
    public int Writers { get; set; } = DefaultWriters;

    /// <summary>
    /// When true (the default), a write that finds a writer lane free is committed on its caller's thread, which then goes
    /// on without a hand-off; false hands every batch to a thread-pool worker, as a dedicated writer loop would
    /// (docs/architecture.md, "One writer, group commit"). Meant for measuring one against the other.
    /// </summary>
    public bool DrainOnCaller { get; set; } = true;
}
