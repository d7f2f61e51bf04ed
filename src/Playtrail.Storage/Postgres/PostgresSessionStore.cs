using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Playtrail.Core.Events;
using Playtrail.Storage.Privacy;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Postgres;

/// <summary>
/// The session store for many server nodes on one PostgreSQL database. It keeps no state that another node needs:
/// every check the SQLite store makes in its single writer is made by the database here, with row locks (appends,
/// processing), <c>FOR UPDATE SKIP LOCKED</c> (the sweepers) and transaction-scoped advisory locks (idempotent
/// uploads, migrations, partitions). Online event appends and session starts are group-committed: a node gathers the
/// writes of many concurrent requests into one transaction (<see cref="PostgresOnlineWriter"/>); every other write is its
/// own transaction. Each write returns once PostgreSQL has committed it.
/// </summary>
public sealed class PostgresSessionStore : ISessionStore, IReportStore, IStoreDiagnostics, IStoreMemory, IVisitorDeletionBatches
{
    private const int DefaultMaxAutoPrepare = 64;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PostgresSessionStore> _logger;
    private readonly PostgresEventPartitions _partitions;
    private readonly PostgresOnlineWriter _onlineWriter;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private long _committedTransactions;
    private int _writesInFlight;
    private bool _initialized;
    private int _disposed;

    /// <summary>Creates the store; nothing is opened until <see cref="InitializeAsync"/>.</summary>
    public PostgresSessionStore(IOptions<PostgresStoreOptions> options, TimeProvider timeProvider, ILogger<PostgresSessionStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var problems = PostgresStoreOptionsValidator.FindProblems(options.Value);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _timeProvider = timeProvider;
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(WithAutoPrepare(options.Value.ConnectionString));
        _partitions = new PostgresEventPartitions(_dataSource, logger);
        _onlineWriter = new PostgresOnlineWriter(_dataSource, _partitions, options.Value, logger);
    }

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _initializeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_initialized)
            {
                return;
            }

            var version = await PostgresSchema.MigrateAsync(_dataSource, _timeProvider, _logger, cancellationToken).ConfigureAwait(false);
            // This month's and next month's partitions up front, so the month boundary never waits for DDL.
            var now = _timeProvider.GetUtcNow();
            await _partitions.EnsureAsync(now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            await _partitions.EnsureAsync(now.AddMonths(1).ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _initialized, true);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            _logger.PostgresStoreOpened(connection.Database, version);
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0 || !Volatile.Read(ref _initialized))
        {
            return false;
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await PostgresQueries.PingAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException exception)
        {
            _logger.PostgresHealthCheckFailed(exception);
            return false;
        }
        catch (ObjectDisposedException)
        {
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

        ThrowIfNotReady();
        var activity = StoreActivities.Start("playtrail.store.create_online_session");
        return StoreActivities.Trace(activity, _onlineWriter.Enqueue(PostgresOnlineWrite.Create(session, sessionStart, cancellationToken)));
    }

    /// <inheritdoc />
    public Task<AppendOutcome> AppendEventAsync(string sessionId, EventRecord record, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        ThrowIfNotReady();
        var activity = StoreActivities.Start("playtrail.store.append_event");
        return StoreActivities.Trace(activity, _onlineWriter.Enqueue(PostgresOnlineWrite.Append(sessionId, record, receivedAt, cancellationToken)));
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
        return StoreActivities.Trace(activity, WriteAsync(session.ReceivedAt.ToUnixTimeMilliseconds(),
            connection => PostgresDownloadedUpload.StoreAsync(connection, session, events, identity, cancellationToken), cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> CloseTimedOutSessionsAsync(DateTimeOffset idleBefore, DateTimeOffset stallBefore, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var closed = await WriteAsync(partitionTime: null, connection => PostgresQueries.CloseTimedOutAsync(
            connection, idleBefore.ToUnixTimeMilliseconds(), stallBefore.ToUnixTimeMilliseconds(), now, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (closed.Count > 0)
        {
            _logger.SessionsTimedOut(closed.Count);
        }

        return closed;
    }

    /// <inheritdoc />
    public Task<SessionRow?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return ReadAsync(connection => PostgresQueries.GetSessionAsync(connection, sessionId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredEvent>> GetEventsAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return ReadAsync(connection => PostgresQueries.GetEventsAsync(connection, sessionId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SaveProcessedSessionAsync(ProcessedSession processed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processed);
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var activity = StoreActivities.Start("playtrail.store.save_processed_session");
        return StoreActivities.Trace(activity,
            WriteAsync(partitionTime: null, connection => PostgresProcessedSession.SaveAsync(connection, processed, now, cancellationToken), cancellationToken));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetUnprocessedSessionIdsAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadAsync(connection => PostgresQueries.GetUnprocessedAsync(connection, limit, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoredReport?> GetReportAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        return ReadAsync(connection => PostgresQueries.GetReportAsync(connection, sessionId, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<VisitorDeletion> DeleteVisitorAsync(string visitorId, CancellationToken cancellationToken) =>
        VisitorDeletionLoop.RunAsync(this, visitorId, VisitorDeletionLimits.Default, cancellationToken);

    /// <summary>One deletion step, its own transaction on a pooled connection.</summary>
    Task<VisitorDeletionBatch> IVisitorDeletionBatches.DeleteVisitorBatchAsync(
        byte[] visitorKey, VisitorDeletionLimits limits, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return WriteAsync(partitionTime: null,
            connection => PostgresVisitorDeletion.DeleteBatchAsync(connection, visitorKey, limits, now, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReportRow>> GetReportAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => ReportQueries.GetReportAsync(new DbRowSource(connection), query, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ArrivalCell>> GetArrivalsAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => ReportQueries.GetArrivalsAsync(new DbRowSource(connection), query, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<SessionListPage> ListSessionsAsync(SessionListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => SessionListQueries.ListAsync(connection, query, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ActiveSessions> GetActiveSessionsAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => CatalogQueries.GetActiveAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, MediaEntry>> GetMediaAsync(IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediaIds);
        return ReadAsync(connection => CatalogQueries.GetMediaAsync(connection, mediaIds, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ExportCount> CountExportAsync(ExportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return ReadAsync(connection => ExportQueries.CountAsync(connection, query, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ExportedSession> ExportSessionsAsync(ExportQuery query, bool includeCalls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfNotReady();
        return ExportQueries.ExportAsync(
            async token => await _dataSource.OpenConnectionAsync(token).ConfigureAwait(false), query, includeCalls, cancellationToken);
    }

    /// <inheritdoc />
    public Task AddUploadCountsAsync(IReadOnlyList<UploadCount> counts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(partitionTime: null, async connection =>
        {
            // One transaction: a node's flush adds all its counts or none. Several nodes adding to one row wait for its lock.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var count in counts.OrderBy(count => count.Hour).ThenBy(count => count.Outcome, StringComparer.Ordinal).ThenBy(count => count.Reason, StringComparer.Ordinal))
            {
                batch.BatchCommands.Add(PostgresWrites.Command(ReportSql.AddUploadCount, [count.Hour, count.Outcome, count.Reason, count.Count]));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UploadCount>> GetUploadCountsAsync(long fromHour, long toHour, CancellationToken cancellationToken) =>
        ReadAsync(connection => CatalogQueries.GetUploadCountsAsync(connection, fromHour, toHour, cancellationToken), cancellationToken);

    /// <summary>
    /// Drops the event partitions whose whole month arrived before <paramref name="before"/>; sessions, reports and
    /// rollups stay. Returns the dropped partitions' names.
    /// </summary>
    public Task<IReadOnlyList<string>> DropRawEventsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        return _partitions.DropBeforeAsync(before.ToUnixTimeMilliseconds(), cancellationToken);
    }

    /// <summary>
    /// Refuses new writes, lets the online writer commit what is queued, then closes every pooled connection. Other
    /// writes already running finish or fail.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _onlineWriter.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _initializeLock.Dispose();
    }

    /// <inheritdoc />
    public long CommittedTransactions => Interlocked.Read(ref _committedTransactions) + _onlineWriter.CommittedTransactions;

    /// <summary>
    /// Online writes queued or in a batch not yet committed, plus the other writes running right now (each of those is
    /// its own transaction).
    /// </summary>
    public int QueuedWrites => _onlineWriter.PendingWrites + Volatile.Read(ref _writesInFlight);

    /// <summary>The online writer's lanes only: other writes are each their own transaction, on any connection.</summary>
    public TimeSpan WriterBusy => _onlineWriter.BusyTime;

    /// <summary>Batches of online writes whose transaction failed, so that each write was retried alone.</summary>
    internal long FailedBatches => _onlineWriter.FailedBatches;

    /// <summary>Test hook: holds the online writer before its next batch, so writes pile up in its queue.</summary>
    internal void PauseWriter() => _onlineWriter.Pause();

    /// <summary>Test hook: lets a paused online writer go on.</summary>
    internal void ResumeWriter() => _onlineWriter.Resume();

    /// <summary>
    /// Runs one write on a pooled connection after making sure the partition for <paramref name="partitionTime"/>
    /// exists. An insert that finds the partition gone (dropped by another node's retention) recreates it once.
    /// </summary>
    private async Task<T> WriteAsync<T>(long? partitionTime, Func<NpgsqlConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        Interlocked.Increment(ref _writesInFlight);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                if (partitionTime is { } time)
                {
                    await _partitions.EnsureAsync(time, cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                    var result = await write(connection).ConfigureAwait(false);
                    Interlocked.Increment(ref _committedTransactions);
                    return result;
                }
                catch (PostgresException exception) when (
                    attempt == 0 && partitionTime is not null && exception.SqlState == PostgresErrorCodes.CheckViolation && exception.TableName == "events")
                {
                    _partitions.Forget(partitionTime.Value);
                }
                catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DiskFull)
                {
                    throw StoreFullException.Translate(exception);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _writesInFlight);
        }
    }

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: the store runs the same few dozen
    /// statements over and over (processing a closed session alone writes a dozen-odd report tables), and parsing and
    /// planning each of them anew was a fifth of the database's CPU under online load (docs/benchmarks.md, "PostgreSQL
    /// group commit").
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        // The raw keys, so that an explicit "Max Auto Prepare=0" (off) is kept as the operator wrote it.
        var written = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (written.ContainsKey("Max Auto Prepare") || written.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare }.ConnectionString;
    }

    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        ThrowIfNotReady();
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection).ConfigureAwait(false);
    }

    private void ThrowIfNotReady()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!Volatile.Read(ref _initialized))
        {
            throw new InvalidOperationException("Call InitializeAsync before using the store.");
        }
    }

    /// <inheritdoc />
    /// <remarks>PostgreSQL keeps its caches in the database server; a node holds little worth giving back.</remarks>
    public Task ReleaseMemoryAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
