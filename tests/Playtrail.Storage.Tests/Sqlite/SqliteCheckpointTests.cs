using Microsoft.Data.Sqlite;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Sqlite;

/// <summary>
/// The write-ahead log is copied back into the database file by the store's own checkpoint thread, not by the writer
/// once the log passes SQLite's 1,000 pages. What shows it from outside: the database file alone, without its log,
/// holds what was committed a moment ago, although far fewer pages were written than would make SQLite checkpoint.
/// </summary>
public sealed class SqliteCheckpointTests
{
    // About five log pages per commit: 50 commits stay well under the 1,000 pages at which SQLite checkpoints by itself.
    private const int Events = 50;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task CommittedEvents_ReachTheDatabaseFileWithoutWaitingForTheWriter()
    {
        await using var harness = new SqliteStoreHarness(options => options.CheckpointIntervalMilliseconds = 20);
        var store = await harness.OpenSqliteAsync(TimeProvider.System);
        var session = await AppendEventsAsync(store);

        // A pass that started after the last commit copies it; one already running when it came may not, and the
        // next one then follows within the interval, since something was committed after it started.
        await WaitUntilAsync(() => EventsInDatabaseFileAlone(harness.Path, session) == Events + 1);
    }

    [Fact]
    public async Task WithBackgroundCheckpointsOff_AShortRunStaysInTheLog()
    {
        // The check above can fail: left to SQLite, a few hundred pages stay in the log and the file alone lacks them.
        await using var harness = new SqliteStoreHarness(options => options.CheckpointIntervalMilliseconds = 0);
        var store = await harness.OpenSqliteAsync(TimeProvider.System);
        var session = await AppendEventsAsync(store);
        await Task.Delay(200);

        Assert.Equal(0, store.BackgroundCheckpoints);
        Assert.Equal(0, EventsInDatabaseFileAlone(harness.Path, session));
    }

    [Fact]
    public async Task UnderSteadyWrites_TheLogStillStartsOver()
    {
        // Only a checkpoint with no write in between lets the log start over; the writer keeps its own for that. With
        // the thread's passes alone, 2,500 commits of about five pages each would grow the log to about 50 MB.
        await using var harness = new SqliteStoreHarness(options => options.CheckpointIntervalMilliseconds = 5);
        var store = await harness.OpenSqliteAsync(TimeProvider.System);
        await AppendEventsAsync(store, 2_500);

        Assert.True(store.BackgroundCheckpoints > 0);
        Assert.InRange(new FileInfo(harness.Path + "-wal").Length, 1, 8 * 1024 * 1024);
    }

    [Fact]
    public async Task ALogGrowingFast_IsCopiedBeforeTheIntervalComesRound()
    {
        // Under heavy writes the writer used to reach its own checkpoint long before the timer, and copied the whole log
        // itself. With a minute between timed passes, only the growth signal can start one within this test: 200
        // commits of about five pages each pass PagesPerPass several times over.
        await using var harness = new SqliteStoreHarness(options => options.CheckpointIntervalMilliseconds = 60_000);
        var store = await harness.OpenSqliteAsync(TimeProvider.System);
        await AppendEventsAsync(store, 200);

        await WaitUntilAsync(() => store.BackgroundCheckpoints > 0);
    }

    [Fact]
    public async Task Dispose_CommitsQueuedWritesThatGrowTheLogPastAPass_EachOnce()
    {
        // The writes still queued at shutdown are committed after the last pass; their growth reports cross
        // PagesPerPass (200 commits of one append, a few pages each). Had the thread already been stopped, the report
        // crossing it would have failed a write after it committed.
        await using var harness = new SqliteStoreHarness(options => options.MaxBatchSize = 1);
        var store = await harness.OpenSqliteAsync(TimeProvider.System);
        var start = StoreInputs.SessionStart();
        var session = StoreInputs.OnlineSession(start, DateTimeOffset.UtcNow);
        await store.CreateOnlineSessionAsync(session, start, None);

        store.PauseWriter();
        var queued = Enumerable.Range(1, 200)
            .Select(i => store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", i * 10, StoreInputs.FirstTs + (i * 10_000)), session.ReceivedAt, None))
            .ToArray();
        await store.DisposeAsync();

        Assert.All(queued, append => Assert.Equal(AppendOutcome.Accepted, append.Result));
        var reopened = await harness.OpenSqliteAsync(TimeProvider.System);
        Assert.Equal(201, (await reopened.GetEventsAsync(session.SessionId, None)).Count);
    }

    private static async Task<string> AppendEventsAsync(SqliteSessionStore store, int count = Events)
    {
        var start = StoreInputs.SessionStart();
        var session = StoreInputs.OnlineSession(start, DateTimeOffset.UtcNow);
        await store.CreateOnlineSessionAsync(session, start, None);
        for (var i = 1; i <= count; i++)
        {
            var outcome = await store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", i * 10, StoreInputs.FirstTs + (i * 10_000)), session.ReceivedAt, None);
            Assert.Equal(AppendOutcome.Accepted, outcome);
        }

        return session.SessionId;
    }

    /// <summary>Copies the database file without its log (as a careless backup would) and counts the session's events in the copy.</summary>
    private static long EventsInDatabaseFileAlone(string path, string sessionId)
    {
        var copy = path + ".alone";
        File.Copy(path, copy, overwrite: true);
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE name = 'events'";
            if ((long)command.ExecuteScalar()! == 0)
            {
                return 0;
            }

            command.CommandText = "SELECT count(*) FROM events WHERE session_id = $id";
            command.Parameters.AddWithValue("$id", sessionId);
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 11 or 26)
        {
            // SQLITE_CORRUPT or SQLITE_NOTADB: the copy caught a checkpoint half way through writing the file; the next
            // copy will not.
            return -1;
        }
        finally
        {
            File.Delete(copy);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The background checkpoints did not get there within 30 s.");
            await Task.Delay(10);
        }
    }
}
