using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Playtrail.Testing;

namespace Playtrail.Cli.Tests.Export;

/// <summary><c>playtrail export</c> against a real server (Kestrel port, SQLite file) that needs a key.</summary>
public sealed class ExportAgainstServerTests
{
    private const string Key = "export-test-key-0123456789abcdef";

    [Fact]
    public async Task TheSeedSample_IsExportedAsCsvCalls_WithTheKey_AndRefusedWithoutIt()
    {
        await using var server = await ServerInstance.StartAsync($"Reporting:ApiKeys:0={Key}");
        using var upload = await server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded());
        var sessionId = ServerInstance.SessionIdOf(upload);
        server.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        await Eventually.WaitAsync(async () => (await server.Client.GetAsync($"/api/v1/sessions/{sessionId}/calls")).StatusCode, status => status == HttpStatusCode.OK);
        using var directory = new TempDirectory();
        var output = Path.Combine(directory.Path, "calls.csv");
        string[] args = ["export", "calls", "--server", server.BaseAddress.ToString(), "--from", "2018-06-26", "--to", "2018-06-26", "--format", "csv", "--output", output];

        var refused = await CliRun.RunAsync(args);
        var run = await CliRun.RunAsync([.. args, "--api-key", Key, "--json"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("401 Unauthorized", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal((2, 2), (result.GetProperty("rows").GetInt32(), result.GetProperty("advertisedRows").GetInt32()));
        var lines = (await File.ReadAllTextAsync(output)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("sessionId,callIndex,type,ts,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{sessionId},0,start,1529997923478,2018-06-26T07:25:23.478Z,true,movie-42,vod,2018-06-26,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{sessionId},1,close,1529997960559,", lines[2], StringComparison.Ordinal);
    }
}
