using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Storage.Privacy;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;
using Playtrail.Testing;

namespace Playtrail.Storage.Tests.Privacy;

/// <summary>
/// The migration that adds the visitor index, on each store: sessions written (as rows and events only) into a database of
/// the version before it must be found and deleted by the identifiers of their stored sessionStart once it has run.
/// </summary>
public abstract class VisitorIndexMigrationContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private SessionStoreHarness _harness = null!;

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>Arrival time of every legacy event, in epoch milliseconds (the legacy database must accept events at it).</summary>
    protected static long ReceivedAt => Now.ToUnixTimeMilliseconds();

    public Task InitializeAsync()
    {
        _harness = CreateHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    protected abstract SessionStoreHarness CreateHarness();

    /// <summary>Creates the harness's database at the version before the visitor index and opens a raw connection to it.</summary>
    protected abstract Task<DbConnection> CreateLegacyAsync(SessionStoreHarness harness);

    [Fact]
    public async Task Migration_OfStoredSessions_IndexesTheIdentifiersOfTheirSessionStart()
    {
        await using (var legacy = await CreateLegacyAsync(_harness))
        {
            await InsertSessionAsync(legacy, "open-one", downloaded: false, closed: false,
                Samples.SessionStart(StoreInputs.FirstTs, extraParams: "\"visitor.marketingCloudUserId\": \"ecid-x\""),
                Samples.Event("play", 0, StoreInputs.FirstTs + 1));
            await InsertSessionAsync(legacy, "downloaded-one", downloaded: true, closed: true,
                Samples.SessionStart(StoreInputs.FirstTs, downloaded: true,
                    "\"analytics.aid\": \"aid-y\", \"visitor.customerIDs\": {\"crm\": {\"id\": \"ecid-x\", \"authState\": 1}}"),
                Samples.Event("play", 0, StoreInputs.FirstTs + 1), Samples.Event("sessionEnd", 5, StoreInputs.FirstTs + 5_000));
            await InsertSessionAsync(legacy, "anonymous", downloaded: false, closed: true, Samples.SessionStart(StoreInputs.FirstTs));
            await InsertSessionAsync(legacy, "someone-else", downloaded: false, closed: true,
                Samples.SessionStart(StoreInputs.FirstTs, extraParams: "\"visitor.marketingCloudUserId\": \"ecid-z\""));
        }

        await using var store = await _harness.OpenAsync(_time);

        // The downloaded session named two identifiers: either finds it, and then it is gone for the other.
        Assert.Equal(new VisitorDeletion(Sessions: 1, Events: 3), await store.DeleteVisitorAsync("aid-y", None));
        Assert.Equal(new VisitorDeletion(Sessions: 1, Events: 2), await store.DeleteVisitorAsync("ecid-x", None));
        Assert.Null(await store.GetSessionAsync(Id("open-one"), None));
        Assert.Null(await store.GetSessionAsync(Id("downloaded-one"), None));
        Assert.NotNull(await store.GetSessionAsync(Id("anonymous"), None));
        Assert.NotNull(await store.GetSessionAsync(Id("someone-else"), None));
        Assert.Equal(new VisitorDeletion(1, 1), await store.DeleteVisitorAsync("ecid-z", None));
    }

    /// <summary>A session id of the right shape, derived from a readable name.</summary>
    private static string Id(string name) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    private static async Task InsertSessionAsync(DbConnection connection, string name, bool downloaded, bool closed, params string[] events)
    {
        var sessionId = Id(name);
        await ExecuteAsync(connection,
            """
            INSERT INTO sessions (session_id, downloaded, status, close_reason, media_id, media_name, content_type, media_length, resume,
                first_ts, last_ts, event_count, received_at, last_event_at, last_playhead, playhead_changed_at, closed_at)
            VALUES (@id, @downloaded, @status, @reason, 'movie-42', 'The Long Flight', 'vod', 35, @resume,
                @first_ts, @first_ts, @event_count, @received_at, @received_at, 0, @received_at, @closed_at)
            """,
            ("id", sessionId), ("downloaded", downloaded), ("status", closed ? "ended" : "active"), ("reason", closed ? "end" : DBNull.Value),
            ("resume", false), ("first_ts", StoreInputs.FirstTs), ("event_count", events.Length), ("received_at", ReceivedAt),
            ("closed_at", closed ? ReceivedAt : DBNull.Value));
        for (var i = 0; i < events.Length; i++)
        {
            await ExecuteAsync(connection,
                "INSERT INTO events (session_id, seq, ts, playhead, event_type, received_at, body) VALUES (@id, @seq, @ts, 0, @type, @received_at, @body)",
                ("id", sessionId), ("seq", i), ("ts", StoreInputs.FirstTs + i), ("type", (short)(i == 0 ? 0 : 1)), ("received_at", ReceivedAt),
                ("body", Encoding.UTF8.GetBytes(events[i])));
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            if (value is DBNull)
            {
                parameter.DbType = name == "closed_at" ? System.Data.DbType.Int64 : System.Data.DbType.String;
            }

            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync();
    }
}
