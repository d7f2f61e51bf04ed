using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Sqlite;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Reporting;

public sealed class RecoveryTests
{
    [Fact]
    public async Task SessionClosedButNotProcessedBeforeARestart_IsProcessedAtStartUp()
    {
        // A server that stored a downloaded session and died before processing it leaves exactly this behind.
        var directory = ServerInstance.NewDirectory();
        var sessionId = await StoreUnprocessedDownloadedSessionAsync(Path.Combine(directory, "playtrail.db"));

        await using var server = await ServerInstance.StartInAsync(directory);

        var summary = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await server.Client.GetStringAsync("/api/v1/reports/summary?from=2018-06-26&to=2018-06-26")).RootElement.Clone(),
            root => root.GetProperty("rows").GetArrayLength() > 0);
        var row = Assert.Single(summary.GetProperty("rows").EnumerateArray());
        Assert.Equal(1, row.GetProperty("starts").GetInt64());
        using var report = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
        Assert.True(report.RootElement.GetProperty("metrics").GetProperty("complete").GetBoolean());
    }

    private static async Task<string> StoreUnprocessedDownloadedSessionAsync(string path)
    {
        var body = Encoding.UTF8.GetBytes(Samples.SeedDownloaded());
        var parsed = new List<ParsedEvent>();
        Assert.True(PayloadValidator.Validate(body, IngestionRoute.Downloaded, parsed, new ErrorCollector()).IsValid);
        var records = parsed.ConvertAll(e => new EventRecord(e.Type, e.Ts, e.Playhead, e.Json(body)));

        await using var store = new SqliteSessionStore(Options.Create(new SqliteStoreOptions { Path = path }), TimeProvider.System,
            NullLogger<SqliteSessionStore>.Instance);
        await store.InitializeAsync(CancellationToken.None);
        var sessionId = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var session = new NewSession(sessionId, true, SessionStartSummary.Read(records[0].Json.Span), DateTimeOffset.UtcNow);
        await store.CreateDownloadedSessionAsync(session, records, new UploadIdentity(null, [1, 2, 3], DateTimeOffset.UtcNow), CancellationToken.None);
        return sessionId;
    }
}
