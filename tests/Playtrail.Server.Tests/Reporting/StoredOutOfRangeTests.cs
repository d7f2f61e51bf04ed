using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;

namespace Playtrail.Server.Tests.Reporting;

/// <summary>
/// A database written before timestamps had a range may hold a session watched "after year 9999". It used to fail the
/// rollups on every recovery pass; it is processed, rolled up and reported like any other.
/// </summary>
public sealed class StoredOutOfRangeTests
{
    private static readonly string SessionId = new('a', 64);

    [Fact]
    public async Task SessionStoredWithTsAfterYear9999_IsProcessedAtStartUp_AndReported()
    {
        var directory = ServerInstance.NewDirectory();
        await StoreAsync(Path.Combine(directory, "playtrail.db"), 253_402_300_800_000);

        await using var server = await ServerInstance.StartInAsync(directory);

        var summary = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await server.Client.GetStringAsync("/api/v1/reports/summary?from=9999-12-31&to=9999-12-31")).RootElement.Clone(),
            root => root.GetProperty("rows").GetArrayLength() > 0);
        Assert.Equal(1, Assert.Single(summary.GetProperty("rows").EnumerateArray()).GetProperty("starts").GetInt64());
        using var report = await server.Client.GetAsync($"/api/v1/sessions/{SessionId}");
        using var calls = await server.Client.GetAsync($"/api/v1/sessions/{SessionId}/calls");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, calls.StatusCode);
    }

    private static async Task StoreAsync(string path, long ts)
    {
        // Written straight to the store, as a server without the range check did: the validator now refuses this ts.
        var body = Encoding.UTF8.GetBytes("[" + Samples.SessionStart(1_529_997_923_478, downloaded: true) + "," + Samples.Event("ping", 10, 1_529_997_933_478) + "]");
        var parsed = new List<ParsedEvent>();
        Assert.True(PayloadValidator.Validate(body, IngestionRoute.Downloaded, parsed, new ErrorCollector()).IsValid);
        var records = parsed.ConvertAll(e => new EventRecord(e.Type, e.Ts, e.Playhead, e.Json(body)));
        records[0] = records[0] with { Ts = ts };
        records[1] = records[1] with { Ts = ts + 10_000 };

        await using var store = new SqliteSessionStore(Options.Create(new SqliteStoreOptions { Path = path }), TimeProvider.System,
            NullLogger<SqliteSessionStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        var session = new NewSession(SessionId, true, SessionStartSummary.Read(records[0].Json.Span), DateTimeOffset.UtcNow);
        await store.CreateDownloadedSessionAsync(session, records, new UploadIdentity(null, [1, 2, 3], DateTimeOffset.UtcNow), CancellationToken.None);
    }
}
