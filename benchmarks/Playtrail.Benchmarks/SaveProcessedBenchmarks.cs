using Playtrail.BenchmarkData;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Validation;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Testing;

namespace Playtrail.Benchmarks;

/// <summary>
/// What storing one processed session costs on the SQLite store: the processing transaction (claim, report and calls,
/// facts row, rollup increments, arrival cell, catalogue entry) through the store's own <see cref="SqliteSessionStore.SaveProcessedSessionAsync"/>. The store
/// already holds <see cref="WarmSessions"/> processed sessions (2,000 titles, 30 days, half downloaded), so upserts
/// mostly add to existing rows, as on a running server. Two shapes: many sessions saved at once (group commit: the
/// per-session SQL cost) and one at a time (one transaction and fsync each: the latency of a lone close).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 12)]
public class SaveProcessedBenchmarks
{
    public const int WarmSessions = 20_000;
    public const int Concurrent = 2_000;
    public const int Sequential = 100;

    private const int MediaCount = 2_000;
    private static readonly DateOnly LastDay = new(2026, 6, 30);

    private readonly Random _random = new(20_261_125);

    /// <summary>The writer's page cache of the store under test (<c>Storage:Sqlite:WriterCacheMebibytes</c>).</summary>
    public int WriterCacheMebibytes { get; set; } = SqliteStoreOptions.DefaultWriterCacheMebibytes;

    private string _directory = "";
    private SqliteSessionStore? _store;
    private byte[] _reportJson = [];
    private byte[] _callsJson = [];
    private double[] _zipf = [];
    private List<string> _pending = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"playtrail-save-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _store = new SqliteSessionStore(Options.Create(new SqliteStoreOptions { Path = Path.Combine(_directory, "playtrail.db"), WriterCacheMebibytes = WriterCacheMebibytes }),
            TimeProvider.System, NullLogger<SqliteSessionStore>.Instance);
        _store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        (_reportJson, _callsJson) = SeedReport();
        _zipf = ZipfPopularity.Cumulative(MediaCount);

        // In chunks of one iteration's size: the write queue holds 10,000 requests.
        for (var warmed = 0; warmed < WarmSessions; warmed += Concurrent)
        {
            SaveAllAsync(CreateClosedAsync(Concurrent).GetAwaiter().GetResult()).GetAwaiter().GetResult();
        }

        Console.WriteLine($"// warm store: {WarmSessions} processed sessions; report {_reportJson.Length} bytes, calls {_callsJson.Length} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [IterationSetup(Target = nameof(SaveConcurrently))]
    public void CreateForConcurrent() => _pending = CreateClosedAsync(Concurrent).GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(SaveOneAtATime))]
    public void CreateForSequential() => _pending = CreateClosedAsync(Sequential).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Concurrent, Description = "save processed, 2,000 at once (group commit), per session")]
    public Task SaveConcurrently() => SaveAllAsync(_pending);

    [Benchmark(OperationsPerInvoke = Sequential, Description = "save processed, one at a time (a transaction each), per session")]
    public async Task SaveOneAtATime()
    {
        foreach (var sessionId in _pending)
        {
            await _store!.SaveProcessedSessionAsync(Processed(sessionId), CancellationToken.None);
        }
    }

    private Task SaveAllAsync(List<string> sessionIds) =>
        Task.WhenAll(sessionIds.Select(sessionId => _store!.SaveProcessedSessionAsync(Processed(sessionId), CancellationToken.None)));

    /// <summary>Closed, unprocessed downloaded sessions (a five-event upload each), as processing finds them.</summary>
    private async Task<List<string>> CreateClosedAsync(int count)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_782_000_000_000);
        var tasks = new List<Task<DownloadedOutcome>>(count);
        for (var i = 0; i < count; i++)
        {
            var body = Samples.SeedDownloaded().Replace("1529997923478", (1529997923478 + _random.NextInt64(1, 1L << 40)).ToString(), StringComparison.Ordinal);
            var bytes = Encoding.UTF8.GetBytes(body);
            var parsed = new List<ParsedEvent>();
            PayloadValidator.Validate(bytes, IngestionRoute.Downloaded, parsed, new ErrorCollector());
            var events = parsed.ConvertAll(e => new EventRecord(e.Type, e.Ts, e.Playhead, e.Json(bytes)));
            var session = new NewSession(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                true, SessionStartSummary.Read(events[0].Json.Span), now);
            tasks.Add(_store!.CreateDownloadedSessionAsync(session, events, new UploadIdentity(null, System.Security.Cryptography.SHA256.HashData(bytes), now), CancellationToken.None));
        }

        return [.. (await Task.WhenAll(tasks)).Select(outcome => outcome.SessionId)];
    }

    /// <summary>A processed session with a drawn title (Zipf over 2,000), day (30 days) and kind (half downloaded).</summary>
    private ProcessedSession Processed(string sessionId)
    {
        var media = Array.BinarySearch(_zipf, _random.NextDouble());
        media = Math.Min(media < 0 ? ~media : media, MediaCount - 1);
        var downloaded = _random.Next(2) == 0;
        var day = LastDay.AddDays(-_random.Next(30));
        var contentType = (media % 5) switch { 0 => "vod", 1 => "live", 2 => "linear", 3 => "podcast", _ => "song" };
        var measures = new Measures();
        measures[Measure.Sessions] = 1;
        measures[Measure.DownloadedSessions] = downloaded ? 1 : 0;
        measures[Measure.ContentStarts] = 1;
        measures[Measure.Completes] = _random.Next(2);
        measures[Measure.TimePlayed] = 600 * _random.NextDouble();
        measures[Measure.TotalTimePlayed] = 700 * _random.NextDouble();
        measures[Measure.AverageMinuteAudience] = _random.NextDouble();
        measures[Measure.AdStarts] = _random.Next(4);
        measures[Measure.BufferTime] = _random.NextDouble();
        measures[Measure.ErrorCount] = _random.Next(2);
        var firstTs = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() + _random.NextInt64(86_400_000);
        var received = DateTimeOffset.FromUnixTimeMilliseconds(firstTs + (downloaded ? (long)(86_400_000 * _random.NextDouble()) : 0));
        var facts = new SessionFacts(sessionId, downloaded, SessionStatus.Completed, CloseReason.Complete, $"media-{media:D5}", $"Title {media}", contentType, 1_800,
            firstTs, firstTs + 600_000, received, received, 6, 0, 6, downloaded ? (received.ToUnixTimeMilliseconds() - firstTs - 600_000) / 1000.0 : null, measures);
        return new ProcessedSession(sessionId, _reportJson, _callsJson, facts);
    }

    /// <summary>The seed sample's real report and calls, so the stored blobs have a realistic size.</summary>
    private static (byte[] Report, byte[] Calls) SeedReport()
    {
        var bytes = Encoding.UTF8.GetBytes(Samples.SeedDownloaded());
        var parsed = new List<ParsedEvent>();
        PayloadValidator.Validate(bytes, IngestionRoute.Downloaded, parsed, new ErrorCollector());
        var events = parsed.ConvertAll(e => new SessionEvent(e.Type, e.Ts, e.Playhead, e.Json(bytes)));
        var report = SessionProcessor.Process(events, new SessionContext("seed", Downloaded: true, SessionCloseKind.EndOfArray));
        var header = new ReportHeader("seed", "completed", true, DateTimeOffset.FromUnixTimeMilliseconds(1_782_000_000_000), DateTimeOffset.FromUnixTimeMilliseconds(1_782_000_000_000));
        return (SessionReportJson.ToUtf8Bytes(report, header), AnalyticsCallsJson.ToUtf8Bytes(report.Calls));
    }

}
