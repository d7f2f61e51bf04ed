using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Reliability;

/// <summary>
/// A database that cannot grow, for real: the SQLite file's size limit (<c>Storage:Sqlite:MaxDatabaseBytes</c>, SQLite's
/// <c>max_page_count</c>) makes writes fail with <c>SQLITE_FULL</c>, exactly as a full disk does.
/// </summary>
public sealed class DiskFullTests
{
    private const long FirstTs = 1_780_000_000_000;

    [Fact]
    public async Task AFullDatabase_Answers503StorageFull_LosesNothingAcknowledged_AndTakesWritesAgainOnceSpaceReturns()
    {
        await using var server = await ServerInstance.StartAsync($"Storage:Sqlite:MaxDatabaseBytes={2 * 1024 * 1024}");
        var online = await server.StartSessionAsync(FirstTs);

        // Uploads until the file is full; every 201 is remembered.
        var stored = new List<(string SessionId, long Ts)>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var ts = FirstTs + ((i + 1) * 100_000_000L);
            var response = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(400, ts));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                stored.Add((ServerInstance.SessionIdOf(response), ts));
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("storageFull", problem.RootElement.GetProperty("rule").GetString());
        }

        Assert.True(stored.Count >= 3, $"only {stored.Count} uploads fitted before the limit");

        // Online writes are refused the same way while the file is full (a small event may still fit in a page).
        using (var append = await server.PostJsonAsync($"/api/v1/sessions/{online}/events", Samples.Event("play", 0, FirstTs + 1_000)))
        {
            Assert.Contains(append.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.ServiceUnavailable });
        }

        // Space returns: another tool deletes the first two uploads; their pages go to the free list.
        using (var cleanup = new SqliteConnection($"Data Source={server.DatabasePath};Pooling=False;Foreign Keys=True"))
        {
            cleanup.Open();
            using var delete = cleanup.CreateCommand();
            // Events first: they no longer cascade from their session (docs/decisions/0024-event-chains.md).
            delete.CommandText = $"DELETE FROM events WHERE session_id IN ('{stored[0].SessionId}', '{stored[1].SessionId}')";
            Assert.Equal(800, delete.ExecuteNonQuery());
            delete.CommandText = $"DELETE FROM sessions WHERE session_id IN ('{stored[0].SessionId}', '{stored[1].SessionId}')";
            Assert.Equal(2, delete.ExecuteNonQuery());
        }

        // Without a restart, the next upload is taken.
        using (var again = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(400, FirstTs + 999_000_000_000L)))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }

        // Every other acknowledged upload is whole, and the file is sound.
        foreach (var (sessionId, _) in stored.Skip(2))
        {
            Assert.Equal(400L, server.Query($"SELECT count(*) FROM events WHERE session_id = '{sessionId}'", reader => reader.GetInt64(0)).Single());
        }

        Assert.Equal("ok", server.Query("PRAGMA integrity_check", reader => reader.GetString(0)).Single());
    }

    [Fact]
    public async Task ALimitTooSmallForTheSchema_StopsTheServerAtStartUp()
    {
        var failure = await Record.ExceptionAsync(async () => await (await ServerInstance.StartAsync("Storage:Sqlite:MaxDatabaseBytes=4096")).DisposeAsync());

        Assert.NotNull(failure);
        Assert.Contains("MaxDatabaseBytes", failure.ToString(), StringComparison.Ordinal);
    }
}
