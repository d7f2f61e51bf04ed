using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Playtrail.Server.Hosting;

namespace Playtrail.Server.Tests.Privacy;

/// <summary>What a visitor deletion writes to the log, with the shipped log levels, through real HTTP.</summary>
public sealed class VisitorDeletionLogTests : IAsyncLifetime
{
    private const string Key = "privacy-log-tests-key-0123456789abcdef";
    private const string Visitor = "viewer@example.com";

    private readonly CapturedLogs _logs = new();
    private readonly string _directory = ServerInstance.NewDirectory();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await PlaytrailServer.BuildAsync(
        [
            "--urls=http://127.0.0.1:0",
            $"--Storage:Sqlite:Path={Path.Combine(_directory, "playtrail.db")}",
            "--Logging:LogLevel:Default=Information",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            $"--Reporting:ApiKeys:0={Key}",
        ], builder => builder.Logging.AddProvider(_logs));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Delete_LogsOneLineWithATagOfTheIdAndTheKeysId_AndNeverTheIdItself()
    {
        var body = $"[{Samples.SessionStart(1_700_000_000_000, downloaded: true, $"\"visitor.customerIDs\": {{\"email\": {{\"id\": \"{Visitor}\"}}}}")}," +
            $"{Samples.Event("sessionEnd", 0, 1_700_000_001_000)}]";
        using (var upload = await _client.PostAsync("/api/v1/downloaded", ServerInstance.Json(body)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        using var refused = await _client.DeleteAsync($"/api/v1/privacy/visitors/{Uri.EscapeDataString(Visitor)}");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/privacy/visitors/{Uri.EscapeDataString(Visitor)}");
        request.Headers.Authorization = new("Bearer", Key);
        using var deleted = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        // Worked out here from what docs/security.md says, not taken from the server's code.
        var tag = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("playtrail audit:" + Visitor)))[..8];
        var keyId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..8];
        var entries = _logs.Entries;
        var line = Assert.Single(entries, entry => entry.Message.StartsWith("Privacy: deleted visitor", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith($"Privacy: deleted visitor {tag} at the request of key {keyId}: 1 sessions and 2 raw events in ", line.Message, StringComparison.Ordinal);
        var warning = Assert.Single(entries, entry => entry.Message.StartsWith("Privacy: refused", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.DoesNotContain(entries, entry => entry.Message.Contains("viewer", StringComparison.OrdinalIgnoreCase)
            || entry.Message.Contains("example.com", StringComparison.OrdinalIgnoreCase) || entry.Message.Contains(Key, StringComparison.Ordinal));
    }
}
