using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Playtrail.Client;
using Playtrail.Client.Connectivity;
using Playtrail.Client.Offline;

namespace Playtrail.Benchmarks;

/// <summary>
/// Issue 4: the cost of one tracker call in downloaded mode, the committed write to the device store included
/// (target under 100 µs per event). Each operation is a pause and a play: two tracker calls, two events, each
/// committed to SQLite before the call returns. The baseline writes the same kind of row the simplest way SQLite
/// allows (one prepared INSERT and a COMMIT per event, same PRAGMAs): the floor any durable per-event store pays
/// on this disk. The machine is shared, so read the ratio.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class DownloadedTrackerBenchmarks
{
    private static readonly byte[] EventBody = Encoding.UTF8.GetBytes(
        """{"eventType":"pauseStart","playerTime":{"playhead":123.5,"ts":1795374796579},"qoeData":{"media.qoe.bitrate":4000000}}""");

    private string _directory = "";
    private PlaytrailClient? _client;
    private MediaTracker? _tracker;
    private SqliteConnection? _baseline;
    private SqliteCommand? _begin;
    private SqliteCommand? _insert;
    private SqliteCommand? _commit;
    private long _seq;

    [Params(StoreDurability.SurvivesAppKill, StoreDurability.SurvivesPowerLoss)]
    public StoreDurability Durability { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"playtrail-tracker-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        var options = new PlaytrailClientOptions
        {
            // Nothing listens here and the probe says offline: the benchmark measures recording, not uploading.
            ServerUrl = new Uri("http://127.0.0.1:9/"),
            TrackingServer = "example.sc.omtrdc.net",
            ReportSuite = "examplersid",
            OrganizationId = "0123456789ABCDEF@AdobeOrg",
            PlayerName = "bench-player",
            Channel = "bench-app",
            DownloadedStore = new DeviceStoreOptions
            {
                Path = Path.Combine(_directory, "device.db"),
                Durability = Durability,
                MaxEventsPerSession = 50_000_000,
                MaxBytes = 8L * 1024 * 1024 * 1024,
            },
        };
        _client = new PlaytrailClient(options, connectivityProbe: new Offline());
        _tracker = _client.CreateTracker(TrackingMode.Downloaded);
        _tracker.TrackSessionStart(new MediaInfo("movie-42", 7200, "vod") { Name = "The Long Flight" });
        _tracker.TrackPlay();

        _baseline = new SqliteConnection($"Data Source={Path.Combine(_directory, "baseline.db")};Pooling=False");
        _baseline.Open();
        Execute(_baseline, "PRAGMA journal_mode = WAL");
        Execute(_baseline, Durability == StoreDurability.SurvivesPowerLoss ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        Execute(_baseline, "CREATE TABLE events (session_id INTEGER NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (session_id, seq))");
        _begin = Prepare("BEGIN IMMEDIATE");
        _insert = Prepare("INSERT INTO events (session_id, seq, ts, body) VALUES (1, $seq, $ts, $body)");
        _insert.Parameters.Add("$seq", SqliteType.Integer);
        _insert.Parameters.Add("$ts", SqliteType.Integer);
        _insert.Parameters.Add("$body", SqliteType.Blob);
        _commit = Prepare("COMMIT");
        if (_client.DeviceStore!.GetDiagnostics().OpenSessions != 1)
        {
            throw new InvalidOperationException("The downloaded session was not stored; the benchmark would measure nothing.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var events = _client?.DeviceStore?.GetDiagnostics();
        Console.WriteLine($"// device store after the run: {events?.Bytes} bytes, drops {events?.Drops.Count ?? 0} reasons");
        _client?.Dispose();
        _baseline?.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2, Description = "baseline: prepared INSERT + COMMIT per event")]
    public void BareSqliteInsert()
    {
        InsertOne();
        InsertOne();
    }

    [Benchmark(OperationsPerInvoke = 2, Description = "tracker call, downloaded mode (pause, play)")]
    public void TrackerCall()
    {
        _tracker!.TrackPause();
        _tracker.TrackPlay();
    }

    private void InsertOne()
    {
        _begin!.ExecuteNonQuery();
        _insert!.Parameters[0].Value = ++_seq;
        _insert.Parameters[1].Value = 1_795_374_796_579 + _seq;
        _insert.Parameters[2].Value = EventBody;
        _insert.ExecuteNonQuery();
        _commit!.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _baseline!.CreateCommand();
        command.CommandText = sql;
        command.Prepare();
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A device with no network: nothing is uploaded while the benchmark records.</summary>
    private sealed class Offline : IConnectivityProbe
    {
        public bool IsOnline => false;

        public event EventHandler? ConnectivityChanged
        {
            add { }
            remove { }
        }

        public void ReportRequestOutcome(bool reachedServer)
        {
        }
    }
}
