using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Core.Events;
using Playtrail.Core.Processing;
using Playtrail.Core.Validation;
using Playtrail.Storage.Sqlite;
using Playtrail.Testing;

namespace Playtrail.Benchmarks;

/// <summary>
/// How long the upgrade to schema 5 takes: a schema 4 file holding <c>count</c> processed sessions, each with a real
/// stored report and calls (the timeline examples' session, about 6 KB of JSON), is opened by the store, which runs the
/// migration: every report parsed and its facts and rollups written in one transaction. A timed run, not a
/// BenchmarkDotNet case: the migration happens once per database.
/// </summary>
internal static class MigrationTiming
{
    public static void Run(int count)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"playtrail-migration-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "playtrail.db");
        try
        {
            var (report, calls) = TimelineReport();
            using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                connection.Open();
                SqliteSchema.Migrate(connection, TimeProvider.System, NullLogger.Instance, targetVersion: 4);
                Fill(connection, count, report, calls);
            }

            var stopwatch = Stopwatch.StartNew();
            var store = new SqliteSessionStore(Options.Create(new SqliteStoreOptions { Path = path }), TimeProvider.System, NullLogger<SqliteSessionStore>.Instance);
            store.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
            var elapsed = stopwatch.Elapsed;
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Console.WriteLine($"schema 4 -> 5 with {count} processed sessions ({report.Length + calls.Length} bytes of JSON each): " +
                $"{elapsed.TotalSeconds:F1} s, {elapsed.TotalMilliseconds * 1000 / count:F0} us per session; file {new FileInfo(path).Length / (1024 * 1024)} MiB after");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Fill(SqliteConnection connection, int count, byte[] report, byte[] calls)
    {
        using var transaction = connection.BeginTransaction();
        using var session = connection.CreateCommand();
        session.Transaction = transaction;
        session.CommandText =
            """
            INSERT INTO sessions (session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
                first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at, closed_at, processed_at)
            VALUES ($id, $downloaded, 'completed', 'complete', $media, 'Title', 'vod', 45, 0, $ts, $ts, 30, $received, $received, 0, $received, $received, $received)
            """;
        using var stored = connection.CreateCommand();
        stored.Transaction = transaction;
        stored.CommandText = "INSERT INTO session_reports (session_id, report, calls, processed_at) VALUES ($id, $report, $calls, $at)";
        var random = new Random(20_261_204);
        for (var i = 0; i < count; i++)
        {
            var id = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + new string('0', 48);
            var ts = 1_780_000_000_000 + random.NextInt64(30 * 86_400_000L);
            session.Parameters.Clear();
            session.Parameters.AddWithValue("$id", id);
            session.Parameters.AddWithValue("$downloaded", i % 2 == 0);
            session.Parameters.AddWithValue("$media", $"media-{random.Next(2_000):D5}");
            session.Parameters.AddWithValue("$ts", ts);
            session.Parameters.AddWithValue("$received", ts + 3_600_000);
            session.ExecuteNonQuery();
            stored.Parameters.Clear();
            stored.Parameters.AddWithValue("$id", id);
            stored.Parameters.AddWithValue("$report", report);
            stored.Parameters.AddWithValue("$calls", calls);
            stored.Parameters.AddWithValue("$at", ts + 3_600_000);
            stored.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static (byte[] Report, byte[] Calls) TimelineReport()
    {
        var body = Encoding.UTF8.GetBytes(TimelineExamples.AsDownloadedArray());
        var parsed = new List<ParsedEvent>();
        PayloadValidator.Validate(body, IngestionRoute.Downloaded, parsed, new ErrorCollector());
        var events = parsed.ConvertAll(e => new SessionEvent(e.Type, e.Ts, e.Playhead, e.Json(body)));
        var report = SessionProcessor.Process(events, new SessionContext("timeline", Downloaded: true, SessionCloseKind.EndOfArray));
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_782_000_000_000);
        return (SessionReportJson.ToUtf8Bytes(report, new ReportHeader("timeline", "completed", true, now, now) { CloseReason = "complete" }),
            AnalyticsCallsJson.ToUtf8Bytes(report.Calls));
    }
}
