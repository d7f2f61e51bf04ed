using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using Playtrail.Server.Tests.MultiNode;
using Playtrail.Testing;
using Xunit.Abstractions;

namespace Playtrail.Server.Tests.Reliability;

/// <summary>
/// The server as a real child process on one SQLite file, killed with SIGKILL under mixed load again and again and
/// restarted on the same file. What the clients were told was stored must be stored, once; nothing else may double.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Rounds = 10;
    private const int OnlineWorkers = 6;
    private const int UploadWorkers = 2;
    private const int EventsPerUpload = 20;
    private const long FirstTs = 1_780_000_000_000;

    /// <summary>What the clients were told: sessions started, events taken, uploads stored (by Idempotency-Key).</summary>
    private sealed class Ledger
    {
        public ConcurrentDictionary<string, byte> Started { get; } = new();

        public ConcurrentDictionary<(string SessionId, long Ts), byte> Events { get; } = new();

        public ConcurrentDictionary<string, string> Uploads { get; } = new();

        /// <summary>Uploads whose answer was lost or refused, to send again after the restart with the same key and body.</summary>
        public ConcurrentDictionary<string, string> Unanswered { get; } = new();

        public long NextTs() => FirstTs + (Interlocked.Increment(ref _clock) * 1_000_000);

        private long _clock;
    }

    [Fact]
    public async Task KilledTenTimesUnderMixedLoad_EveryAcknowledgedWriteIsStoredOnce_AndTheFileStaysSound()
    {
        var directory = ServerInstance.NewDirectory();
        var database = Path.Combine(directory, "playtrail.db");
        var ledger = new Ledger();
        var random = new Random(20261206);
        try
        {
            for (var round = 0; round <= Rounds; round++)
            {
                var server = await ServerProcess.StartAsync($"Storage:Sqlite:Path={database}", "Sessions:IdleTimeout=01:00:00");
                try
                {
                    // Uploads whose answer never came are sent again as a device would: same key, same body.
                    foreach (var (key, body) in ledger.Unanswered)
                    {
                        await UploadAsync(server.Client, key, body, ledger);
                    }

                    if (round == Rounds)
                    {
                        // The last start only settles the retries; nothing is left unanswered once it is up.
                        Assert.Empty(ledger.Unanswered);
                        break;
                    }

                    using var stop = new CancellationTokenSource();
                    var workers = Enumerable.Range(0, OnlineWorkers).Select(_ => Task.Run(() => OnlineAsync(server.Client, ledger, stop.Token)))
                        .Concat(Enumerable.Range(0, UploadWorkers).Select(_ => Task.Run(() => UploadsAsync(server.Client, ledger, stop.Token))))
                        .ToArray();
                    await Task.Delay(random.Next(400, 1_200));
                    await server.KillAsync(); // SIGKILL, with requests in flight
                    await stop.CancelAsync();
                    await Task.WhenAll(workers);
                }
                finally
                {
                    if (server is not null)
                    {
                        await server.DisposeAsync();
                    }
                }
            }

            output.WriteLine($"acknowledged: {ledger.Started.Count} sessions started, {ledger.Events.Count} events, {ledger.Uploads.Count} uploads");
            Assert.True(ledger.Events.Count > 100 && ledger.Uploads.Count > 5, "the load should have been acknowledged many times");
            Verify(database, ledger);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task SigtermUnderLoad_StopsWithinItsShutdownTimeout_WithEveryAcknowledgedWriteStored()
    {
        var directory = ServerInstance.NewDirectory();
        var database = Path.Combine(directory, "playtrail.db");
        var ledger = new Ledger();
        try
        {
            await using (var server = await ServerProcess.StartAsync($"Storage:Sqlite:Path={database}", "shutdownTimeoutSeconds=3"))
            {
                using var stop = new CancellationTokenSource();
                var workers = Enumerable.Range(0, OnlineWorkers).Select(_ => Task.Run(() => OnlineAsync(server.Client, ledger, stop.Token)))
                    .Concat(Enumerable.Range(0, UploadWorkers).Select(_ => Task.Run(() => UploadsAsync(server.Client, ledger, stop.Token))))
                    .ToArray();
                await Task.Delay(1_000);

                // The bound is the shutdown timeout plus room for a slow machine; the process must not need SIGKILL.
                var exitCode = await server.TerminateAsync(TimeSpan.FromSeconds(30));
                await stop.CancelAsync();
                await Task.WhenAll(workers);

                Assert.True(exitCode is not null, "the server was still running 30 s after SIGTERM:\n" + server.OutputTail);
                Assert.Equal(0, exitCode);
            }

            Assert.True(ledger.Events.Count > 10, "the load should have been acknowledged");
            VerifyAcknowledged(database, ledger);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>What was acknowledged is stored; uploads whose answer never came are not checked (nothing retries them here).</summary>
    private static void VerifyAcknowledged(string database, Ledger ledger)
    {
        foreach (var key in ledger.Unanswered.Keys)
        {
            ledger.Unanswered.TryRemove(key, out _);
        }

        Verify(database, ledger);
    }

    private static void Verify(string database, Ledger ledger)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));

        var sessions = Rows(connection, "SELECT session_id FROM sessions").ToHashSet();
        Assert.All(ledger.Started.Keys, sessionId => Assert.Contains(sessionId, sessions));

        // Every event a client heard 204 for is there exactly once; no event of any session is there twice.
        var stored = Rows(connection, "SELECT session_id || ' ' || ts FROM events").GroupBy(row => row).ToDictionary(group => group.Key, group => group.Count());
        Assert.All(ledger.Events.Keys, acknowledged => Assert.Equal(1, stored.GetValueOrDefault($"{acknowledged.SessionId} {acknowledged.Ts}")));
        Assert.DoesNotContain(stored, row => row.Value > 1);

        // Each session's count matches its rows and its sequence numbers are dense and unique.
        Assert.Equal(0L, Scalar(connection, """
            SELECT count(*) FROM sessions s
            WHERE s.event_count != (SELECT count(*) FROM events e WHERE e.session_id = s.session_id)
               OR s.event_count != (SELECT count(DISTINCT seq) FROM events e WHERE e.session_id = s.session_id)
               OR s.event_count != (SELECT coalesce(max(seq), -1) + 1 FROM events e WHERE e.session_id = s.session_id)
            """));

        // And the chain from each session's last event (docs/decisions/0024-event-chains.md) reaches every one of them.
        Assert.Equal(0L, Scalar(connection, """
            WITH RECURSIVE chain(session_id, event_rowid) AS (
                SELECT session_id, last_event_rowid FROM sessions
                UNION ALL
                SELECT c.session_id, e.prev FROM chain c JOIN events e ON e.rowid = c.event_rowid AND e.session_id = c.session_id)
            SELECT count(*) FROM sessions s
            LEFT JOIN (SELECT c.session_id, count(*) AS linked FROM chain c JOIN events e ON e.rowid = c.event_rowid AND e.session_id = c.session_id
                       GROUP BY c.session_id) r ON r.session_id = s.session_id
            WHERE s.event_count != coalesce(r.linked, 0)
            """));

        // Each acknowledged upload is one session, the one its answer named, whole; no key was stored twice.
        var byKey = Rows(connection, "SELECT idempotency_key || ' ' || session_id || ' ' || event_count FROM sessions WHERE idempotency_key IS NOT NULL")
            .Select(row => row.Split(' ')).GroupBy(row => row[0]).ToDictionary(group => group.Key, group => group.ToList());
        Assert.DoesNotContain(byKey, entry => entry.Value.Count > 1);
        Assert.All(ledger.Uploads, upload =>
        {
            var row = Assert.Single(byKey[upload.Key]);
            Assert.Equal(upload.Value, row[1]);
            Assert.Equal(EventsPerUpload.ToString(System.Globalization.CultureInfo.InvariantCulture), row[2]);
        });
    }

    private static async Task OnlineAsync(HttpClient client, Ledger ledger, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var ts = ledger.NextTs();
                using var started = await PostAsync(client, "/api/v1/sessions", Samples.SessionStart(ts), key: null);
                if (started.StatusCode != HttpStatusCode.Created)
                {
                    continue;
                }

                var sessionId = ServerInstance.SessionIdOf(started);
                ledger.Started[sessionId] = 0;
                for (var i = 1; i <= 30 && !stop.IsCancellationRequested; i++)
                {
                    var eventTs = ts + (i * 10_000);
                    using var answer = await PostAsync(client, $"/api/v1/sessions/{sessionId}/events", Samples.Event(i == 1 ? "play" : "ping", i * 10, eventTs), key: null);
                    if (answer.StatusCode == HttpStatusCode.NoContent)
                    {
                        ledger.Events[(sessionId, eventTs)] = 0;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // The server was killed: whatever was in flight is unknown, and never counted as acknowledged.
        }
    }

    private static async Task UploadsAsync(HttpClient client, Ledger ledger, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString("N");
            var body = Samples.LongDownloaded(EventsPerUpload, ledger.NextTs());
            ledger.Unanswered[key] = body;
            if (!await UploadAsync(client, key, body, ledger))
            {
                return;
            }
        }
    }

    /// <summary>Sends one upload; false when the server is gone (the upload stays unanswered, to be sent again).</summary>
    private static async Task<bool> UploadAsync(HttpClient client, string key, string body, Ledger ledger)
    {
        try
        {
            using var answer = await PostAsync(client, "/api/v1/downloaded", body, key);
            if (answer.StatusCode == HttpStatusCode.Created)
            {
                var sessionId = ServerInstance.SessionIdOf(answer);
                // A retry of an upload the server had stored before it died must name that same session.
                Assert.Equal(sessionId, ledger.Uploads.GetOrAdd(key, sessionId));
                ledger.Unanswered.TryRemove(key, out _);
            }

            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
