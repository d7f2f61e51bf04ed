using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Playtrail.Server.Admission;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Admission;

/// <summary>
/// Admission control through real HTTP on a real SQLite file. The store is held up for real: another connection keeps
/// the database's write lock, as a backup tool or a second process would, so the writer waits on its busy timeout.
/// </summary>
public sealed class AdmissionTests
{
    private const long Ts = 1_700_000_000_000;

    /// <summary>Takes the database's write lock from another connection until disposed.</summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(ServerInstance server)
    {
        var connection = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task AssertOverloadedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("overloaded", problem.RootElement.GetProperty("rule").GetString());
    }

    private static long ShedCount(string metrics, string reason) =>
        long.Parse(metrics.Split('\n').Single(line => line.StartsWith($"playtrail_writes_shed_total{{reason=\"{reason}\"}}", StringComparison.Ordinal))
            .Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task EventsStillQueuedWhenTheBudgetRunsOut_Get503_AndAreNeverStored_WhileTheOneRunningIsKept()
    {
        // One write per transaction: while the lock is held, one append waits inside its transaction and the others
        // wait in the queue, where the budget runs out.
        await using var server = await ServerInstance.StartAsync(
            "Storage:Sqlite:MaxBatchSize=1", "Ingestion:Admission:LatencyBudget=00:00:00.300", "Ingestion:Admission:TargetDelay=00:00:00.010");
        var sid = await server.StartSessionAsync(Ts);

        Task<HttpResponseMessage>[] appends;
        await using (await HoldWriteLockAsync(server))
        {
            appends = Enumerable.Range(1, 3)
                .Select(i => server.PostJsonAsync($"/api/v1/sessions/{sid}/events", Samples.Event("ping", i * 10, Ts + (i * 10_000))))
                .ToArray();

            // The writer holds at most one of them, so at least two are answered while the lock is still held.
            while (appends.Count(append => append.IsCompleted) < 2)
            {
                await Task.WhenAny(appends.Where(append => !append.IsCompleted)).WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        var answers = await Task.WhenAll(appends);
        var refused = answers.Where(answer => answer.StatusCode == HttpStatusCode.ServiceUnavailable).ToArray();
        Assert.InRange(refused.Length, 2, 3);
        foreach (var answer in refused)
        {
            await AssertOverloadedAsync(answer);
        }

        // Exactly the appends answered 204 are stored; the refused ones never ran.
        var kept = Enumerable.Range(1, 3).Where(i => answers[i - 1].StatusCode == HttpStatusCode.NoContent).Select(i => Ts + (i * 10_000L));
        Assert.Equal(3 - refused.Length, answers.Count(answer => answer.StatusCode == HttpStatusCode.NoContent));
        var stored = server.Query($"SELECT ts FROM events WHERE session_id = '{sid}' ORDER BY seq", reader => reader.GetInt64(0));
        Assert.Equal([Ts, .. kept], stored);
        Assert.Equal(refused.Length, ShedCount(await server.Client.GetStringAsync("/metrics"), "budget"));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task BeyondTheConcurrencyLimit_AWriteIsRefused503AtOnce_AndTheAdmittedOnesComplete()
    {
        await using var server = await ServerInstance.StartAsync("Ingestion:Admission:MaxConcurrentRequests=2", "Ingestion:Admission:LatencyBudget=00:01:00");
        var sid = await server.StartSessionAsync(Ts);
        var gate = server.Services.GetRequiredService<AdmissionGate>();

        Task<HttpResponseMessage>[] admitted;
        HttpResponseMessage refused;
        await using (await HoldWriteLockAsync(server))
        {
            admitted =
            [
                server.PostJsonAsync($"/api/v1/sessions/{sid}/events", Samples.Event("play", 0, Ts + 1_000)),
                server.PostJsonAsync($"/api/v1/sessions/{sid}/events", Samples.Event("ping", 10, Ts + 10_000)),
            ];
            while (gate.RequestsInProgress < 2)
            {
                await Task.Delay(10);
            }

            refused = await server.PostJsonAsync($"/api/v1/sessions/{sid}/events", Samples.Event("ping", 20, Ts + 20_000));
            Assert.DoesNotContain(admitted, request => request.IsCompleted);
        }

        using (refused)
        {
            await AssertOverloadedAsync(refused);
        }

        foreach (var response in await Task.WhenAll(admitted))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            response.Dispose();
        }

        Assert.Equal(3, server.Count("events"));
        Assert.Equal(1, ShedCount(await server.Client.GetStringAsync("/metrics"), "concurrency"));
    }

    [Fact]
    public async Task AClientOverItsRateLimit_Gets429WithRetryAfter_AndOtherRoutesStayOpen()
    {
        await using var server = await ServerInstance.StartAsync(
            "Ingestion:RateLimit:ExemptLoopback=false", "Ingestion:RateLimit:PermitsPerSecond=1", "Ingestion:RateLimit:Burst=2");

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        // One permit a second comes back while requests go out: on a slow machine the third or fourth request can
        // still find one, so the loop goes on until the bucket runs dry rather than a fixed four.
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var response = await server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(Ts + i));
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created], answers.Take(2));
            Assert.NotNull(limited.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
            Assert.Equal("rateLimited", problem.RootElement.GetProperty("rule").GetString());
        }

        using var health = await server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("playtrail_requests_rate_limited_total{} 1", await server.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackClients_AreNotRateLimited_ByDefault()
    {
        await using var server = await ServerInstance.StartAsync("Ingestion:RateLimit:PermitsPerSecond=1", "Ingestion:RateLimit:Burst=1");

        for (var i = 0; i < 5; i++)
        {
            using var response = await server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(Ts + i));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("Ingestion:Admission:TargetDelay=00:00:00")]
    [InlineData("Ingestion:Admission:LatencyBudget=00:00:00.010")]
    [InlineData("Ingestion:Admission:RetryAfter=00:00:00.500")]
    [InlineData("Ingestion:Admission:MaxConcurrentRequests=0")]
    [InlineData("Ingestion:RateLimit:PermitsPerSecond=-1")]
    public async Task InvalidSheddingSettings_StopTheServerAtStartUp(string setting)
    {
        var failure = await Record.ExceptionAsync(async () => await (await ServerInstance.StartAsync(setting)).DisposeAsync());

        Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure);
    }
}
