using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Playtrail.Server.Processing;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Processing;

/// <summary>
/// docs/decisions/0022-closes-answered-before-processing.md: a closing event is answered once it is stored, its
/// session is processed just after, and a read made after the answer still sees the processed session. The queue's
/// pause hook holds processing, so each step here is deterministic.
/// </summary>
public sealed class ClosedSessionQueueTests
{
    private static readonly long Ts = new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private const string Summary = "/api/v1/reports/summary?from=2026-03-01&to=2026-03-01&groupBy=total";

    [Fact]
    public async Task ClosingEvent_IsAnsweredBeforeProcessing_AndAReadAfterTheAnswerWaitsForIt()
    {
        await using var server = await ServerInstance.StartAsync();

        var (queue, sessionId) = await CloseWithQueueHeldAsync(server, "sessionComplete");

        Assert.Equal(1, queue.Waiting);
        Assert.Equal(0, StoredReports(server, sessionId));
        Assert.Equal("completed", server.Query($"SELECT status FROM sessions WHERE session_id = '{sessionId}'", reader => reader.GetString(0)).Single());

        var summary = server.Client.GetStringAsync(Summary);
        await Task.Delay(300);
        Assert.False(summary.IsCompleted, "The summary answered before the session closed ahead of it was processed.");

        queue.Resume();
        using var answer = JsonDocument.Parse(await summary);
        Assert.Equal(1, Assert.Single(answer.RootElement.GetProperty("rows").EnumerateArray()).GetProperty("completes").GetInt64());
        Assert.Equal(1, StoredReports(server, sessionId));
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task WithAnswerClosesBeforeProcessingOff_TheAnswerWaitsForTheReport()
    {
        await using var server = await ServerInstance.StartAsync("Ingestion:AnswerClosesBeforeProcessing=false");

        var (queue, sessionId) = await CloseWithQueueHeldAsync(server, "sessionEnd");

        Assert.Equal(0, queue.Waiting);
        Assert.Equal(1, StoredReports(server, sessionId));
    }

    [Fact]
    public async Task SessionStillQueuedWhenTheServerStops_IsProcessedByTheRecoveryPassAfterARestart()
    {
        // A database outside the servers' own folders, which each server removes when it is disposed.
        var directory = ServerInstance.NewDirectory();
        var path = "Storage:Sqlite:Path=" + Path.Combine(directory, "kept.db");
        try
        {
            string sessionId;
            await using (var first = await ServerInstance.StartAsync(path))
            {
                (_, sessionId) = await CloseWithQueueHeldAsync(first, "sessionComplete");
            }

            await using var second = await ServerInstance.StartAsync(path, "Sessions:SweepInterval=00:00:00.100");
            var completes = await Eventually.WaitAsync(
                async () =>
                {
                    using var summary = JsonDocument.Parse(await second.Client.GetStringAsync(Summary));
                    return summary.RootElement.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("completes").GetInt64());
                },
                count => count > 0);
            Assert.Equal(1, completes);
            using var report = JsonDocument.Parse(await second.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
            Assert.Equal("completed", report.RootElement.GetProperty("status").GetString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Starts a session, holds the queue, then closes the session with <paramref name="eventType"/> and expects 204.</summary>
    private static async Task<(ClosedSessionQueue Queue, string SessionId)> CloseWithQueueHeldAsync(ServerInstance server, string eventType)
    {
        var queue = server.Services.GetRequiredService<ClosedSessionQueue>();
        var sessionId = await server.StartSessionAsync(Ts);
        queue.Pause();
        using var close = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event(eventType, 34, Ts + 35_000));
        Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);
        return (queue, sessionId);
    }

    private static long StoredReports(ServerInstance server, string sessionId) =>
        server.Query($"SELECT COUNT(*) FROM session_reports WHERE session_id = '{sessionId}'", reader => reader.GetInt64(0)).Single();
}
