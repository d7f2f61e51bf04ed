using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Playtrail.Core.Events;
using Playtrail.Storage.Privacy;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>
/// The embedded session store: one SQLite file in WAL mode. Every write goes through a single writer that
/// commits queued requests in batches (group commit), each batch with one fsync; a write's task completes only
/// after its batch is durably committed. Reads use their own pooled connections and never wait for the writer.
/// </summary>
public sealed class SqliteSessionStore : ISessionStore, IReportStore, IStoreDiagnostics, IStoreMemory, IVisitorDeletionBatches
{
    private readonly SqliteStoreOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SqliteSessionStore> _logger;
    private readonly string _path;
    private readonly string _writeConnectionString;
    private readonly string _readConnectionString;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private SqliteWriter? _writer;
    private SqliteCheckpointer? _checkpointer;
    private int _disposed;

    /// <summary>Creates the store; nothing is opened until <see cref="InitializeAsync"/>.</summary>
    public SqliteSessionStore(IOptions<SqliteStoreOptions> options, TimeProvider timeProvider, ILogger<SqliteSessionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value;
        var problems = SqliteStoreOptionsValidator.FindProblems(_options);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _timeProvider = timeProvider;
        _logger = logger;
        _path = Path.GetFullPath(_options.Path);
        // The writer holds its one connection for the store's lifetime, so pooling would only delay closing it;
        // reads open and close a connection each, so they share a pool, read-only so none can ever write.
        _writeConnectionString = ConnectionString(_path, SqliteOpenMode.ReadWriteCreate, pooling: false);
        _readConnectionString = ConnectionString(_path, SqliteOpenMode.ReadOnly, pooling: true);
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = SqliteWriteConnection.Open(_writeConnectionString, _options, _timeProvider, _logger, out var schemaVersion);
#pragma warning disable CA2000 // The store owns the writer from here and disposes it in DisposeAsync.
            if (_options.CheckpointIntervalMilliseconds > 0)
            {
                _checkpointer = new SqliteCheckpointer(_writeConnectionString, TimeSpan.FromMilliseconds(_options.CheckpointIntervalMilliseconds), _logger);
            }

            var writer = new SqliteWriter(connection, _writeConnectionString, _options, _timeProvider, _logger, _checkpointer);
            Volatile.Write(ref _writer, writer);
#pragma warning restore CA2000
            _logger.StoreOpened(_path, schemaVersion);
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0 || Volatile.Read(ref _writer) is not { IsRunning: true })
        {
            return false;
        }

        try
        {
            using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await SqliteSessionQueries.PingAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException exception)
        {
            _logger.HealthCheckFailed(exception);
            return false;
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check above and the query: a store shutting down is not healthy.
            return false;
        }
    }

    /// <inheritdoc />
    public Task CreateOnlineSessionAsync(NewSession session, EventRecord sessionStart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (sessionStart.Type != EventType.SessionStart)
        {
            throw new ArgumentException($"An online session starts with sessionStart, not {sessionStart.Type.ToWireName()}.", nameof(sessionStart));
        }

        var activity = StoreActivities.Start("playtrail.store.create_online_session");
        return StoreActivities.Trace(activity, Writer.Enqueue(new CreateOnlineSessionRequest(session, sessionStart, cancellationToken)));
    }

    /// <inheritdoc />
    public Task<AppendOutcome> AppendEventAsync(string sessionId, EventRecord record, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var activity = StoreActivities.Start("playtrail.store.append_event");
        return StoreActivities.Trace(activity, Writer.Enqueue(new AppendEventRequest(sessionId, record, receivedAt, cancellationToken)));
    }

    /// <inheritdoc />
    public Task<DownloadedOutcome> CreateDownloadedSessionAsync(
        NewSession session, IReadOnlyList<EventRecord> events, UploadIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(identity);
        if (events.Count == 0)
        {
            throw new ArgumentException("A downloaded session holds at least its sessionStart.", nameof(events));
        }

        var activity = StoreActivities.Start("playtrail.store.create_downloaded_session");
        return StoreActivities.Trace(activity, Writer.Enqueue(new CreateDownloadedSessionRequest(session, events, identity, cancellationToken)));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> CloseTimedOutSessionsAsync(DateTimeOffset idleBefore, DateTimeOffset stallBefore, CancellationToken cancellationToken)
    {
        var closed = await Writer.Enqueue(new CloseTimedOutSessionsRequest(idleBefore, stallBefore, cancellationToken)).ConfigureAwait(false);
        if (closed.Count > 0)
        {
            _logger.SessionsTimedOut(closed.Count);
        }

        return closed;
    }

    /// <inheritdoc />
    public async Task<SessionRow?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteSessionQueries.GetSessionAsync(connection, sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteSessionQueries.GetEventsAsync(connection, sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> SaveProcessedSessionAsync(ProcessedSession processed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processed);
        var activity = StoreActivities.Start("playtrail.store.save_processed_session");
        return StoreActivities.Trace(activity, Writer.Enqueue(new SaveProcessedSessionRequest(processed, cancellationToken)));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetUnprocessedSessionIdsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteReportQueries.GetUnprocessedAsync(connection, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<StoredReport?> GetReportAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SqliteReportQueries.GetReportAsync(connection, sessionId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<VisitorDeletion> DeleteVisitorAsync(string visitorId, CancellationToken cancellationToken) =>
        VisitorDeletionLoop.RunAsync(this, visitorId, VisitorDeletionLimits.Default, cancellationToken);

    /// <summary>One deletion step through the single writer: it waits its turn in the queue like any upload.</summary>
    Task<VisitorDeletionBatch> IVisitorDeletionBatches.DeleteVisitorBatchAsync(
        byte[] visitorKey, VisitorDeletionLimits limits, CancellationToken cancellationToken) =>
        Writer.Enqueue(new DeleteVisitorBatchRequest(visitorKey, limits, cancellationToken));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReportRow>> GetReportAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReportQueries.GetReportAsync(new SqliteRowSource(connection), query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArrivalCell>> GetArrivalsAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReportQueries.GetArrivalsAsync(new SqliteRowSource(connection), query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<SessionListPage> ListSessionsAsync(SessionListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SessionListQueries.ListAsync(connection, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ActiveSessions> GetActiveSessionsAsync(CancellationToken cancellationToken)
    {
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await CatalogQueries.GetActiveAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, MediaEntry>> GetMediaAsync(IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediaIds);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await CatalogQueries.GetMediaAsync(connection, mediaIds, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ExportCount> CountExportAsync(ExportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ExportQueries.CountAsync(connection, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ExportedSession> ExportSessionsAsync(ExportQuery query, bool includeCalls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ExportQueries.ExportAsync(
            async token => await OpenReadConnectionAsync(token).ConfigureAwait(false), query, includeCalls, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddUploadCountsAsync(IReadOnlyList<UploadCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Count == 0 ? Task.CompletedTask : Writer.Enqueue(new AddUploadCountsRequest(counts, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UploadCount>> GetUploadCountsAsync(long fromHour, long toHour, CancellationToken cancellationToken)
    {
        using var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await CatalogQueries.GetUploadCountsAsync(connection, fromHour, toHour, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses new writes, commits everything already queued, then closes every connection to the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _initializeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            // Read connections go first so that the writer's is the last one closed: SQLite then checkpoints the
            // WAL into the database file and removes it, leaving one self-contained file for backups.
            using (var pooled = new SqliteConnection(_readConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            // The writer stops the checkpoint thread itself, between its last commit and closing its connection.
            if (_writer is { } writer)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _initializeLock.Release();
            _initializeLock.Dispose();
        }
    }

    /// <inheritdoc />
    public long CommittedTransactions => Volatile.Read(ref _writer)?.CommittedTransactions ?? 0;

    /// <summary>Background checkpoints run so far (test hook; 0 when they are off).</summary>
    internal long BackgroundCheckpoints => _checkpointer?.Checkpoints ?? 0;

    /// <summary>Batches whose shared transaction failed and were retried request by request (test hook).</summary>
    internal long FailedBatches => Writer.FailedBatches;

    /// <inheritdoc />
    public int QueuedWrites => Volatile.Read(ref _writer)?.QueuedRequests ?? 0;

    /// <inheritdoc />
    public TimeSpan WriterBusy => Volatile.Read(ref _writer)?.BusyTime ?? TimeSpan.Zero;

    /// <summary>
    /// Deletes the raw events that arrived before <paramref name="cutoff"/> and belong to processed sessions, in
    /// batches of <paramref name="batchSize"/> rows, each its own short transaction queued behind the writes already
    /// waiting, so ingestion is never held for more than one batch. Sessions, reports and rollups stay. Returns the
    /// number of events deleted.
    /// </summary>
    public async Task<long> DropRawEventsBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken, int batchSize = 2_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        long deleted = 0;
        long after = 0;
        while (true)
        {
            var (count, last, done) = await Writer.Enqueue(new DropOldEventsRequest(cutoff.ToUnixTimeMilliseconds(), after, batchSize, cancellationToken))
                .ConfigureAwait(false);
            deleted += count;
            if (done)
            {
                break;
            }

            after = last;
        }

        if (deleted > 0)
        {
            _logger.RawEventsDropped(deleted);
        }

        return deleted;
    }

    /// <inheritdoc />
    public async Task ReleaseMemoryAsync(CancellationToken cancellationToken)
    {
        // The writer's cache (up to Storage:Sqlite:WriterCacheMebibytes) is freed on its own loop; idle pooled readers are closed with theirs.
        await Writer.Enqueue(new ShrinkMemoryRequest(cancellationToken)).ConfigureAwait(false);
        using var reader = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(reader);
    }

    internal void PauseWriter() => Writer.Pause();

    /// <summary>Test hook: lets a paused writer go on.</summary>
    internal void ResumeWriter() => Writer.Resume();

    /// <summary>The running writer; throws when the store is not initialized yet or already disposed.</summary>
    private SqliteWriter Writer
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return Volatile.Read(ref _writer)
                ?? throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }

    private static string ConnectionString(string path, SqliteOpenMode mode, bool pooling) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Cache = SqliteCacheMode.Private, Pooling = pooling }.ToString();

    private async Task<SqliteConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        // Reads before InitializeAsync would find no schema (or no file): fail the same way writes do.
        _ = Writer;
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
