using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sessions;
using Playtrail.Testing;

namespace Playtrail.Benchmarks;

/// <summary>
/// The PostgreSQL store's bulk path: one downloaded upload of a 20,000-event session (session row plus binary COPY
/// of the events, one transaction, one commit), on a cluster started from the machine's binaries with fsync on.
/// Baselines in the same run: a bare Npgsql binary COPY of the same rows into a table of the same shape (columns and
/// indexes of <c>events</c>, not partitioned) in one committed transaction, written with the synchronous
/// <c>Write</c> and with <c>WriteAsync</c>: what Npgsql and the server can do for these rows at all. Each case runs on
/// its own cluster (the global set-up runs per case), so no case inherits another's table or WAL.
/// </summary>
[Config(typeof(Config))]
public class PostgresBulkUploadBenchmarks
{
    public const int EventCount = 20_000;

    private const string CopyBaseline =
        "COPY copy_baseline (session_id, seq, ts, playhead, event_type, received_at, body) FROM STDIN (FORMAT BINARY)";

    private PostgresServer? _server;
    private PostgresSessionStore? _store;
    private NpgsqlDataSource? _dataSource;
    private byte[] _body = [];
    private List<EventRecord> _events = [];
    private int _upload;

    private sealed class Config : ManualConfig
    {
        // One invocation per iteration: an upload takes a few hundred milliseconds and must not be batched. In process,
        // so the cluster started in the set-up is this process's (run without --inProcess, which would add a second job).
        public Config()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(40)
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.P90, new RowsPerSecondColumn(median: false), new RowsPerSecondColumn(median: true));
        }
    }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "bare binary COPY, sync Write (baseline)")]
    public void BareCopySync()
    {
        using var connection = _dataSource!.OpenConnection();
        using var transaction = connection.BeginTransaction();
        using (var importer = connection.BeginBinaryImport(CopyBaseline))
        {
            var sessionId = NextSessionId();
            var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < _events.Count; i++)
            {
                var record = _events[i];
                importer.StartRow();
                importer.Write(sessionId, NpgsqlDbType.Text);
                importer.Write(i, NpgsqlDbType.Integer);
                importer.Write(record.Ts, NpgsqlDbType.Bigint);
                importer.Write(record.Playhead, NpgsqlDbType.Double);
                importer.Write((short)record.Type, NpgsqlDbType.Smallint);
                importer.Write(receivedAt, NpgsqlDbType.Bigint);
                importer.Write(record.Json, NpgsqlDbType.Bytea);
            }

            importer.Complete();
        }

        transaction.Commit();
    }

    [Benchmark(Description = "bare binary COPY, WriteAsync")]
    public async Task BareCopyAsync()
    {
        await using var connection = await _dataSource!.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var importer = await connection.BeginBinaryImportAsync(CopyBaseline))
        {
            var sessionId = NextSessionId();
            var receivedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var i = 0; i < _events.Count; i++)
            {
                var record = _events[i];
                await importer.StartRowAsync();
                await importer.WriteAsync(sessionId, NpgsqlDbType.Text);
                await importer.WriteAsync(i, NpgsqlDbType.Integer);
                await importer.WriteAsync(record.Ts, NpgsqlDbType.Bigint);
                await importer.WriteAsync(record.Playhead, NpgsqlDbType.Double);
                await importer.WriteAsync((short)record.Type, NpgsqlDbType.Smallint);
                await importer.WriteAsync(receivedAt, NpgsqlDbType.Bigint);
                await importer.WriteAsync(record.Json, NpgsqlDbType.Bytea);
            }

            await importer.CompleteAsync();
        }

        await transaction.CommitAsync();
    }

    [Benchmark(Description = "store: CreateDownloadedSessionAsync")]
    public async Task StoreUpload()
    {
        var session = new NewSession(NextSessionId(), true, SessionStartSummary.Read(_events[0].Json.Span), DateTimeOffset.UtcNow);
        var identity = new UploadIdentity("bench-" + _upload.ToString(CultureInfo.InvariantCulture), SHA256.HashData(_body), DateTimeOffset.UtcNow.AddDays(-7));
        var outcome = await _store!.CreateDownloadedSessionAsync(session, _events, identity, CancellationToken.None);
        if (outcome.Kind != DownloadedOutcomeKind.Created)
        {
            throw new InvalidOperationException($"Upload {_upload} was answered {outcome.Kind}.");
        }
    }

    private string NextSessionId() => (++_upload).ToString("x64", CultureInfo.InvariantCulture);

    private async Task SetupAsync()
    {
        _body = Encoding.UTF8.GetBytes(Samples.LongDownloaded(EventCount));
        var parsed = new List<ParsedEvent>();
        if (!PayloadValidator.Validate(_body, IngestionRoute.Downloaded, parsed, new ErrorCollector()).IsValid)
        {
            throw new InvalidOperationException("The benchmark's session is invalid.");
        }

        _events = parsed.ConvertAll(parsedEvent => new EventRecord(parsedEvent.Type, parsedEvent.Ts, parsedEvent.Playhead, parsedEvent.Json(_body)));
        _server = await PostgresServer.StartDurableAsync();
        var connectionString = await _server.CreateDatabaseAsync("bulk_benchmark");
        _store = new PostgresSessionStore(
            Options.Create(new PostgresStoreOptions { ConnectionString = connectionString }), TimeProvider.System, NullLogger<PostgresSessionStore>.Instance);
        await _store.InitializeAsync(CancellationToken.None);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        await using var create = _dataSource.CreateCommand("CREATE TABLE copy_baseline (LIKE events INCLUDING ALL)");
        await create.ExecuteNonQueryAsync();
        await using var settings = _dataSource.CreateCommand("SELECT current_setting('server_version') || ', fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')");
        Console.WriteLine($"// PostgreSQL {await settings.ExecuteScalarAsync()}; {EventCount:N0} events, {_body.Length:N0} bytes");
    }

    private async Task CleanupAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Rows per second of one operation, from the mean time: every operation writes <see cref="EventCount"/> rows.</summary>
    private sealed class RowsPerSecondColumn(bool median) : IColumn
    {
        public string Id => nameof(RowsPerSecondColumn) + (median ? "Median" : "Mean");
        public string ColumnName => median ? "rows/s (median)" : "rows/s (mean)";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => $"Rows written per second on one connection ({EventCount:N0} per operation), from the {(median ? "median" : "mean")} time";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            summary[benchmarkCase]?.ResultStatistics is { } statistics
                ? (EventCount / ((median ? statistics.Median : statistics.Mean) / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "-";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
