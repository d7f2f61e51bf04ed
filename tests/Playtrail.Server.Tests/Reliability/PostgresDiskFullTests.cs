using System.Net;
using System.Text.Json;
using Npgsql;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Reliability;

/// <summary>
/// <see cref="DiskFullTests"/> on PostgreSQL: a server out of disk for real, made by a per-file size limit on the
/// database's processes (<see cref="FileSizeLimitedCluster"/>), so the events table cannot grow and PostgreSQL answers
/// <c>disk_full</c>.
/// </summary>
public sealed class PostgresDiskFullTests
{
    private const long FirstTs = 1_780_000_000_000;
    // 24 MB and half a page: above a 16 MB WAL segment, and the write that crosses it is short (disk_full, 53100).
    private const long TightLimit = (24L << 20) + 4096;
    private const int EventsPerUpload = 1_000;
    private const int MaxUploads = 2_000;

    [Fact]
    public async Task AFullServer_Answers503StorageFull_LosesNothingAcknowledged_AndTakesWritesAgainOnceSpaceReturns()
    {
        await using var cluster = await FileSizeLimitedCluster.StartAsync(TightLimit);
        var connectionString = await cluster.CreateDatabaseAsync("playtrail");
        await using var server = await ServerInstance.StartAsync("Storage:Provider=postgres", $"Storage:Postgres:ConnectionString={connectionString}");

        var stored = new List<string>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < MaxUploads && refused is null; i++)
        {
            var response = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(EventsPerUpload, FirstTs + ((i + 1) * 100_000_000L)));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                stored.Add(ServerInstance.SessionIdOf(response));
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }

        Assert.True(refused is not null, $"{stored.Count} uploads were all taken.\n{cluster.LogTail()}");
        using (refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("storageFull", problem.RootElement.GetProperty("rule").GetString());
        }

        Assert.True(stored.Count >= 3, $"only {stored.Count} uploads fitted before the limit");

        // Space returns: another tool deletes the first two uploads' events, and VACUUM hands their pages back for reuse.
        await using (var cleanup = new NpgsqlConnection(connectionString))
        {
            await cleanup.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM events WHERE session_id = ANY(@ids)", cleanup);
            delete.Parameters.AddWithValue("ids", stored.Take(2).ToArray());
            Assert.Equal(2 * EventsPerUpload, await delete.ExecuteNonQueryAsync());
            await using var vacuum = new NpgsqlCommand("VACUUM events", cleanup);
            await vacuum.ExecuteNonQueryAsync();
        }

        // Without a restart, the next upload is taken.
        using (var again = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(EventsPerUpload, FirstTs + 999_000_000_000L)))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        }

        // Every other acknowledged upload is whole.
        await using var check = new NpgsqlConnection(connectionString);
        await check.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT session_id, count(*) FROM events WHERE session_id = ANY(@ids) GROUP BY session_id", check);
        count.Parameters.AddWithValue("ids", stored.Skip(2).ToArray());
        var counts = new Dictionary<string, long>();
        await using (var reader = await count.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        Assert.Equal(stored.Skip(2).Order(StringComparer.Ordinal), counts.Keys.Order(StringComparer.Ordinal));
        Assert.All(counts.Values, events => Assert.Equal(EventsPerUpload, events));
    }
}
