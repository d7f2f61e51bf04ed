using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Testing;

namespace Playtrail.Benchmarks;

/// <summary>
/// The single writer's own cost of online events: one group-commit batch of <see cref="BatchSize"/> pings to as many
/// open sessions, on the writer's connection, and its commit; what the writer does for a batch at 128 clients, without
/// HTTP and without the queue. The database sits in <c>/dev/shm</c> when there is one, so the commit's fsync costs
/// nothing and the figure is the statements' and the log pages' CPU.
/// </summary>
[MemoryDiagnoser]
public class SqliteAppendBenchmarks
{
    public const int BatchSize = 35;
    private const int OpenSessions = 128;

    private readonly List<(EventRecord Record, byte[] Body)> _pings = [];
    private string _directory = "";
    private SqliteWriteConnection? _connection;
    private string[] _sessions = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        _directory = Path.Combine(root, $"playtrail-append-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        var options = new SqliteStoreOptions { Path = Path.Combine(_directory, "playtrail.db") };
        _connection = SqliteWriteConnection.Open($"Data Source={options.Path};Pooling=False", options, TimeProvider.System, NullLogger.Instance, out _);

        var start = Parse(Samples.SessionStart(1_782_000_000_000), IngestionRoute.Sessions)[0];
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_782_000_000_000);
        using (var transaction = _connection.BeginTransaction())
        {
            _sessions = [.. Enumerable.Range(0, OpenSessions).Select(i =>
            {
                // The server's id shape: creation time in milliseconds, then random digits (docs/decisions/0023-time-ordered-session-ids.md).
                var id = (now.ToUnixTimeMilliseconds() + i).ToString("x12", System.Globalization.CultureInfo.InvariantCulture)
                    + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(26));
                _connection.CreateOnlineSession(new NewSession(id, false, SessionStartSummary.Read(start.Json.Span), now), start, start.Json.ToArray(), []);
                return id;
            })];
            transaction.Commit();
        }

        for (var i = 0; i < 1_000; i++)
        {
            var ping = Parse(Samples.Event("ping", i * 10, 1_782_000_000_000 + (i * 10_000)), IngestionRoute.Events)[0];
            _pings.Add((ping, ping.Json.ToArray()));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One batch: <see cref="BatchSize"/> pings, each to the next open session in turn, and one commit.</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public int AppendBatch()
    {
        var accepted = 0;
        var now = 1_782_000_000_000 + _next;
        using var transaction = _connection!.BeginTransaction();
        for (var i = 0; i < BatchSize; i++, _next++)
        {
            var (record, body) = _pings[_next / OpenSessions % _pings.Count];
            accepted += _connection.AppendEvent(_sessions[_next % OpenSessions], record, body, now) == AppendOutcome.Accepted ? 1 : 0;
        }

        transaction.Commit();
        return accepted;
    }

    private static List<EventRecord> Parse(string json, IngestionRoute route)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var parsed = new List<ParsedEvent>();
        PayloadValidator.Validate(body, route, parsed, new ErrorCollector());
        return parsed.ConvertAll(parsedEvent => new EventRecord(parsedEvent.Type, parsedEvent.Ts, parsedEvent.Playhead, parsedEvent.Json(body)));
    }
}
