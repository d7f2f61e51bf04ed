using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Playtrail.Core.Events;
using Playtrail.Storage.Postgres;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Postgres;

/// <summary>
/// A PostgreSQL server out of disk, made real by a per-file size limit on its processes
/// (<see cref="FileSizeLimitedCluster"/>): writes are refused as the store's full-store error, every write acknowledged
/// before is kept, reads go on, and writing resumes once the server has room again.
/// </summary>
public sealed class PostgresDiskFullTests
{
    // 24 MB and half a page: above a 16 MB WAL segment, and the write that crosses it is short (disk_full, 53100).
    private const long TightLimit = (24L << 20) + 4096;
    private const long RoomyLimit = 1L << 30;
    private const int EventBytes = 6_000;
    private const int MaxAppends = 20_000;
    private const int Wave = 32;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task AServerOutOfDisk_RefusesWritesAsStoreFull_KeepsWhatItAcknowledged_AndTakesWritesOnceItHasRoom()
    {
        await using var cluster = await FileSizeLimitedCluster.StartAsync(TightLimit);
        await cluster.CreateDatabaseAsync("playtrail");
        var store = await OpenAsync(cluster);
        var session = StoreInputs.OnlineSession(StoreInputs.SessionStart(), _time.GetUtcNow());
        await store.CreateOnlineSessionAsync(session, StoreInputs.SessionStart(), CancellationToken.None);

        var acknowledged = new List<long> { StoreInputs.FirstTs };
        StoreFullException? full = null;
        for (var next = 1; full is null && next < MaxAppends; next += Wave)
        {
            // A wave of concurrent appends shares the online writer's batches, as a busy node's would.
            var wave = Enumerable.Range(next, Wave).Select(i => (Ts: StoreInputs.FirstTs + i, Task: AppendAsync(store, session.SessionId, i))).ToArray();
            foreach (var (ts, append) in wave)
            {
                try
                {
                    Assert.Equal(AppendOutcome.Accepted, await append);
                    acknowledged.Add(ts);
                }
                catch (StoreFullException exception)
                {
                    full ??= exception;
                }
            }
        }

        Assert.True(full is not null, $"No write was refused in {MaxAppends} appends of {EventBytes} bytes.\n{cluster.LogTail()}");
        Assert.Equal(PostgresErrorCodes.DiskFull, Assert.IsType<PostgresException>(full.InnerException).SqlState);
        await AssertKeptAsync(store, session.SessionId, acknowledged);
        await Assert.ThrowsAsync<StoreFullException>(() => AppendAsync(store, session.SessionId, MaxAppends + 1));
        await store.DisposeAsync();

        await cluster.RestartAsync(RoomyLimit);
        var reopened = await OpenAsync(cluster);
        await AssertKeptAsync(reopened, session.SessionId, acknowledged);
        Assert.Equal(AppendOutcome.Accepted, await AppendAsync(reopened, session.SessionId, MaxAppends + 2));
        acknowledged.Add(StoreInputs.FirstTs + MaxAppends + 2);
        await AssertKeptAsync(reopened, session.SessionId, acknowledged);
        await reopened.DisposeAsync();
    }

    private Task<AppendOutcome> AppendAsync(PostgresSessionStore store, string sessionId, int index)
    {
        // Random text: nothing for PostgreSQL's compression to shrink, so every event really takes its room.
        var filler = Convert.ToBase64String(RandomNumberGenerator.GetBytes(EventBytes * 3 / 4));
        var json = Encoding.UTF8.GetBytes(
            "{\"eventType\":\"ping\",\"playerTime\":{\"playhead\":" + index + ",\"ts\":" + (StoreInputs.FirstTs + index) +
            "},\"customMetadata\":{\"filler\":\"" + filler + "\"}}");
        return store.AppendEventAsync(sessionId, new EventRecord(EventType.Ping, StoreInputs.FirstTs + index, index, json), _time.GetUtcNow(), CancellationToken.None);
    }

    private static async Task AssertKeptAsync(PostgresSessionStore store, string sessionId, List<long> acknowledged)
    {
        var stored = await store.GetEventsAsync(sessionId, CancellationToken.None);
        Assert.Equal(acknowledged.Order(), stored.Select(storedEvent => storedEvent.Ts).Order());
        Assert.Equal(Enumerable.Range(0, stored.Count), stored.Select(storedEvent => storedEvent.Sequence));
        Assert.Equal(stored.Count, (await store.GetSessionAsync(sessionId, CancellationToken.None))!.EventCount);
    }

    private async Task<PostgresSessionStore> OpenAsync(FileSizeLimitedCluster cluster)
    {
        var options = new PostgresStoreOptions { ConnectionString = cluster.ConnectionString("playtrail") };
        var store = new PostgresSessionStore(Options.Create(options), _time, NullLogger<PostgresSessionStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
