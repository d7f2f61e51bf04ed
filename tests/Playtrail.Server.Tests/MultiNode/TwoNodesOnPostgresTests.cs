using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace Playtrail.Server.Tests.MultiNode;

/// <summary>
/// Issue 5's end-to-end test: two server processes on one PostgreSQL database take interleaved traffic; every
/// session is reported exactly once and the summary equals the one a single SQLite node gives for the same traffic.
/// Issue 10's: many events to the same sessions at once through both nodes' group commit, each stored once if and only
/// if it was answered 204.
/// </summary>
public sealed class TwoNodesOnPostgresTests(ITestOutputHelper output)
{
    private const int Seed = 20260301;
    private const int TotalSessions = Traffic.OnlineSessions + Traffic.DownloadedSessions;

    // Short timeouts so the sessions left open are swept within seconds; the same on both setups. Long enough that
    // a busy 2-core CI machine never leaves a 6 s gap inside a session still being sent (that would be a 410).
    private static readonly string[] SessionSettings =
        ["Sessions:IdleTimeout=00:00:06", "Sessions:StallTimeout=01:00:00", "Sessions:SweepInterval=00:00:00.500"];

    private static readonly TimeSpan ProcessingBound = TimeSpan.FromSeconds(45);

    private static readonly string[] Groupings = ["day", "media", "contentType", "downloaded"];

    [Fact]
    public async Task TwoNodesOnOnePostgres_InterleavedTraffic_ReportEverySessionOnce_AndSummariseAsOneSqliteNode()
    {
        var clock = Stopwatch.StartNew();
        var traffic = Traffic.Generate(Seed);
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        string[] settings = ["Storage:Provider=postgres", $"Storage:Postgres:ConnectionString={connectionString}", .. SessionSettings];

        var (nodeA, nodeB) = await StartTwoNodesAsync(settings);
        await using var disposeA = nodeA;
        await using var disposeB = nodeB;

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: two nodes healthy");
        var player = new TrafficPlayer(nodeA.Client, nodeB.Client);
        await player.PlayAsync(traffic, Seed);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: traffic sent to the two nodes");

        Assert.Empty(player.Problems);
        Assert.Equal(Traffic.OnlineSessions, player.OnlineIds.Distinct().Count());
        Assert.Equal(Traffic.DownloadedSessions, player.UploadIds.Distinct().Count());

        var sessions = await Eventually.WaitAsync(() => SessionCountsAsync(connectionString), counts => counts.Unfinished == 0, ProcessingBound);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every session closed and processed");
        Assert.Equal(new SessionCounts(TotalSessions, 0, TotalSessions, Traffic.LeftOpenSessions), sessions);
        Assert.Equal(TotalSessions, await ScalarAsync(connectionString, "SELECT count(*) FROM session_facts"));
        Assert.Equal(TotalSessions, await ScalarAsync(connectionString, "SELECT COALESCE(SUM(sessions), 0) FROM report_media_days"));
        Assert.Equal(TotalSessions, await ScalarAsync(connectionString, "SELECT COALESCE(SUM(sessions), 0) FROM report_total_quarters"));
        Assert.Equal(Traffic.DownloadedSessions, await ScalarAsync(connectionString, "SELECT COUNT(DISTINCT idempotency_key) FROM sessions WHERE downloaded"));

        // What each node did, added up: every session created, swept and processed by exactly one of them. A node
        // counts a processed session just after committing it, so the counters may trail the database briefly.
        var counters = await Eventually.WaitAsync(
            () => NodeCountersAsync(nodeA, nodeB),
            sums => sums.Processed >= TotalSessions,
            ProcessingBound);
        Assert.Equal(
            new NodeCounters(Traffic.DownloadedSessions, Traffic.RetriedUploads + Traffic.ConcurrentUploads, Traffic.LeftOpenSessions, TotalSessions),
            counters);

        var single = await SingleSqliteNodeSummariesAsync(traffic);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: the same traffic processed on one SQLite node");
        foreach (var grouping in Groupings)
        {
            using var fromA = await SummaryAsync(nodeA.Client, grouping);
            using var fromB = await SummaryAsync(nodeB.Client, grouping);
            var betweenNodes = SummaryComparison.Differences(fromA.RootElement, fromB.RootElement, sameReceiveTimes: true);
            Assert.True(betweenNodes.Count == 0, $"groupBy={grouping}, node A vs node B:\n{string.Join('\n', betweenNodes)}");
            var againstSqlite = SummaryComparison.Differences(single[grouping].RootElement, fromA.RootElement, sameReceiveTimes: false);
            Assert.True(againstSqlite.Count == 0, $"groupBy={grouping}, single SQLite node vs the PostgreSQL nodes:\n{string.Join('\n', againstSqlite)}");
        }

        using var byDownloaded = await SummaryAsync(nodeA.Client, "downloaded");
        output.WriteLine(byDownloaded.RootElement.GetRawText());
    }

    [Fact]
    public async Task TwoNodesOnOnePostgres_ConcurrentEventsToTheSameSessions_StoreEvery204OnceWithDenseSequences()
    {
        const int Sessions = 16;
        const int EventsPerSession = 40;
        const int ClosingEvent = 25;
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var (nodeA, nodeB) = await StartTwoNodesAsync(
            ["Storage:Provider=postgres", $"Storage:Postgres:ConnectionString={connectionString}", "Sessions:IdleTimeout=00:10:00",
             // The subject is the batched path's sequences; a slow machine must not turn the burst into shed 503s.
             "Ingestion:Admission:Enabled=false"]);
        await using var disposeA = nodeA;
        await using var disposeB = nodeB;
        var nodes = new[] { nodeA.Client, nodeB.Client };
        var firstTs = new DateTimeOffset(Traffic.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        var sessionIds = new List<string>();
        for (var s = 0; s < Sessions; s++)
        {
            using var created = await PostAsync(nodes[s % 2], "/api/v1/sessions", Samples.SessionStart(firstTs));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            sessionIds.Add(ServerInstance.SessionIdOf(created));
        }

        // Every event of every session at once, alternating nodes; in the even sessions one event in the middle ends
        // the session, so the events racing it get 204 or 410 depending on which batch commits first.
        var sends = sessionIds.SelectMany((id, s) => Enumerable.Range(1, EventsPerSession).Select(i =>
            (SessionId: id, Ts: firstTs + i, Type: s % 2 == 0 && i == ClosingEvent ? "sessionEnd" : "ping", Node: nodes[(s + i) % 2]))).ToArray();
        new Random(Seed).Shuffle(sends);
        var commitsBefore = await CommitsAsync(nodes);
        var answers = new ConcurrentDictionary<(string SessionId, long Ts), HttpStatusCode>();
        await Parallel.ForEachAsync(sends, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (send, _) =>
        {
            using var answer = await PostAsync(send.Node, $"/api/v1/sessions/{send.SessionId}/events", Samples.Event(send.Type, send.Ts - firstTs, send.Ts));
            answers[(send.SessionId, send.Ts)] = answer.StatusCode;
        });

        output.WriteLine($"{sends.Length} events sent, committed in {await CommitsAsync(nodes) - commitsBefore} transactions of the two nodes");
        Assert.All(answers.Values, status => Assert.Contains(status, new[] { HttpStatusCode.NoContent, HttpStatusCode.Gone }));
        var stored = await StoredEventsAsync(connectionString);
        for (var s = 0; s < Sessions; s++)
        {
            var id = sessionIds[s];
            var events = stored[id].ToList();
            Assert.Equal(Enumerable.Range(0, events.Count), events.Select(stored => stored.Sequence));
            var answered204 = answers.Where(answer => answer.Key.SessionId == id && answer.Value == HttpStatusCode.NoContent).Select(answer => answer.Key.Ts);
            Assert.Equal(answered204.Order(), events.Skip(1).Select(stored => stored.Ts).Order());
            Assert.Equal(events.Count, await ScalarAsync(connectionString, $"SELECT event_count FROM sessions WHERE session_id = '{id}'"));
            if (s % 2 == 1)
            {
                Assert.Equal(EventsPerSession + 1, events.Count);
            }
        }
    }

    private static async Task<long> CommitsAsync(HttpClient[] nodes)
    {
        var texts = await Task.WhenAll(nodes.Select(node => node.GetStringAsync(new Uri("/metrics", UriKind.Relative))));
        return texts.Sum(text => Counter(text, "playtrail_store_commits_total"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient node, string path, string json) =>
        await node.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Every stored event's sequence number and device time, by session, in sequence order.</summary>
    private static async Task<ILookup<string, (int Sequence, long Ts)>> StoredEventsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT session_id, seq, ts FROM events ORDER BY session_id, seq", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string SessionId, int Sequence, long Ts)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)));
        }

        return rows.ToLookup(row => row.SessionId, row => (row.Sequence, row.Ts));
    }

    /// <summary>Starts both nodes at once (so their schema set-up races too); if one fails, the other is stopped.</summary>
    private static async Task<(ServerProcess NodeA, ServerProcess NodeB)> StartTwoNodesAsync(string[] settings)
    {
        var starting = new[] { ServerProcess.StartAsync(settings), ServerProcess.StartAsync(settings) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(start => start.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        return (starting[0].Result, starting[1].Result);
    }

    /// <summary>The same traffic on one in-process SQLite node (both "nodes" are the same one), once all is processed.</summary>
    private static async Task<Dictionary<string, JsonDocument>> SingleSqliteNodeSummariesAsync(Traffic traffic)
    {
        await using var single = await ServerInstance.StartAsync(SessionSettings);
        var player = new TrafficPlayer(single.Client, single.Client);
        await player.PlayAsync(traffic, Seed);
        Assert.Empty(player.Problems);

        var processed = await Eventually.WaitAsync(
            async () =>
            {
                using var summary = await SummaryAsync(single.Client, "downloaded");
                return summary.RootElement.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("starts").GetInt64());
            },
            starts => starts == TotalSessions,
            ProcessingBound);
        Assert.Equal(TotalSessions, processed);

        var summaries = new Dictionary<string, JsonDocument>(StringComparer.Ordinal);
        foreach (var grouping in Groupings)
        {
            summaries[grouping] = await SummaryAsync(single.Client, grouping);
        }

        return summaries;
    }

    private static async Task<JsonDocument> SummaryAsync(HttpClient client, string grouping)
    {
        var from = Traffic.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Traffic.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return JsonDocument.Parse(await client.GetStringAsync($"/api/v1/reports/summary?from={from}&to={to}&groupBy={grouping}"));
    }

    private static async Task<SessionCounts> SessionCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT COUNT(*),
                   COUNT(*) FILTER (WHERE status = 'active' OR processed_at IS NULL),
                   (SELECT COUNT(*) FROM session_reports),
                   COUNT(*) FILTER (WHERE close_reason = 'idle')
            FROM sessions
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new SessionCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<NodeCounters> NodeCountersAsync(ServerProcess nodeA, ServerProcess nodeB)
    {
        var texts = await Task.WhenAll(nodeA.Client.GetStringAsync("/metrics"), nodeB.Client.GetStringAsync("/metrics"));
        long Sum(string name) => texts.Sum(text => Counter(text, name));
        return new NodeCounters(
            Sum("playtrail_sessions_created_total{kind=\"downloaded\"}"),
            Sum("playtrail_downloaded_repeats_total"),
            Sum("playtrail_sessions_timed_out_total"),
            Sum("playtrail_sessions_processed_total"));
    }

    /// <summary>The value of one series; <paramref name="name"/> without labels matches the exporter's <c>name{}</c>.</summary>
    private static long Counter(string metrics, string name)
    {
        var series = name.EndsWith('}') ? name : name + "{}";
        var line = metrics.Split('\n').SingleOrDefault(line => line.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No {series} in /metrics:\n{metrics}");
        return long.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    private sealed record SessionCounts(long Sessions, long Unfinished, long Reports, long ClosedIdle);

    /// <summary>Counters from both nodes' <c>/metrics</c>, added up.</summary>
    private sealed record NodeCounters(long DownloadedCreated, long DownloadedRepeats, long SweptIdle, long Processed);
}
