using System.Text.Json;
using Playtrail.Testing;

namespace Playtrail.Cli.Tests.Simulation;

/// <summary><c>playtrail simulate</c> against a real server on a Kestrel port with its own SQLite file.</summary>
public sealed class SimulateCommandTests
{
    private static async Task<Dictionary<string, long>> StartsByKindAsync(ServerInstance server, JsonElement result, int expected)
    {
        var url = $"/api/v1/reports/summary?groupBy=downloaded&from={result.GetProperty("from").GetString()}&to={result.GetProperty("to").GetString()}";
        // Sessions are processed when they close, a moment after the last event is stored.
        var summary = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await server.Client.GetStringAsync(url)).RootElement.Clone(),
            s => s.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("starts").GetInt64()) >= expected);
        return summary.GetProperty("rows").EnumerateArray().ToDictionary(row => row.GetProperty("key").GetString()!, row => row.GetProperty("starts").GetInt64());
    }

    [Fact]
    public async Task FortyOnlineSessions_AllArriveClosedAndProcessed_AndTheSummaryCountsEachOnce()
    {
        await using var server = await ServerInstance.StartAsync();

        var run = await CliRun.RunAsync("simulate", "--server", server.BaseAddress.ToString(), "--sessions", "40", "--seed", "11", "--json");

        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(40, result.GetProperty("onlineSessions").GetInt32());
        Assert.Equal(result.GetProperty("eventsEmitted").GetInt64(), result.GetProperty("onlineEventsSent").GetInt64());
        Assert.Empty(result.GetProperty("dropped").EnumerateObject());
        Assert.Equal(40, server.Count("sessions"));
        Assert.Equal(40, await Eventually.WaitAsync(() => Task.FromResult(server.Count("session_reports")), count => count >= 40));
        var starts = await StartsByKindAsync(server, result, 40);
        Assert.Equal(new Dictionary<string, long> { ["online"] = 40 }, starts);
    }

    [Fact]
    public async Task HalfDownloaded_GivesFortySessions_OnlineAndDownloadedRows_AndNoDuplicates()
    {
        await using var server = await ServerInstance.StartAsync();
        using var store = new TempDirectory();

        var run = await CliRun.RunAsync(
            "simulate", "--server", server.BaseAddress.ToString(), "--sessions", "40", "--downloaded-share", "0.5", "--store", store.Path, "--seed", "12", "--json");

        Assert.Equal(0, run.ExitCode);
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal((20, 20), (result.GetProperty("onlineSessions").GetInt32(), result.GetProperty("downloadedSessions").GetInt32()));
        Assert.Equal(20, result.GetProperty("sessionsUploaded").GetInt32());
        Assert.Equal(40, server.Count("sessions"));
        var starts = await StartsByKindAsync(server, result, 40);
        Assert.Equal(new Dictionary<string, long> { ["downloaded"] = 20, ["online"] = 20 }, starts);
        Assert.Equal(40, server.Count("sessions"));
    }

    [Fact]
    public async Task SessionsRecordedWhileTheServerIsDown_ExitOne_AndUploadDeliversThemOnceLater()
    {
        using var store = new TempDirectory();
        var down = await CliRun.RunAsync(
            "simulate", "--server", "http://127.0.0.1:9", "--sessions", "6", "--downloaded-share", "1", "--store", store.Path, "--players", "2", "--timeout", "2");
        await using var server = await ServerInstance.StartAsync();

        var first = await CliRun.RunAsync("upload", "--store", store.Path, "--server", server.BaseAddress.ToString());
        var again = await CliRun.RunAsync("upload", "--store", store.Path, "--server", server.BaseAddress.ToString(), "--json");

        Assert.Equal(1, down.ExitCode);
        Assert.Contains("waiting to retry 6", down.Out, StringComparison.Ordinal);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("uploaded:      6", first.Out, StringComparison.Ordinal);
        Assert.Equal(6, server.Count("sessions"));
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(again.Out).RootElement.GetProperty("uploaded").GetInt32());
        Assert.Equal(6, server.Count("sessions"));
    }

    [Fact]
    public async Task UploadOfAFolderWithNothingReady_ExitsZero()
    {
        using var store = new TempDirectory();

        var run = await CliRun.RunAsync("upload", "--store", store.Path, "--server", "http://127.0.0.1:9");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ready left:    0", run.Out, StringComparison.Ordinal);
    }
}
