using System.Text.Json;
using Playtrail.Server.Tests.MultiNode;

namespace Playtrail.Server.Tests.Hosting;

/// <summary>
/// The console log as an operator meets it: plain lines at a developer's terminal (appsettings.Development.json),
/// one JSON object per line everywhere else (appsettings.json), each line with its event id.
/// </summary>
public sealed class ConsoleLogFormatTests
{
    // Logged at start-up at Warning, which the child process still writes, when no Reporting:ApiKeys are configured.
    private const string ReportingOpenMessage = "No Reporting:ApiKeys configured";
    private const int ReportingOpenEventId = 40;

    [Fact]
    public async Task Development_WritesPlainLinesWithEventIds()
    {
        var directory = ServerInstance.NewDirectory();
        try
        {
            await using var server = await ServerProcess.StartInEnvironmentAsync("Development", StoragePath(directory));

            var lines = Lines(server);

            Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith('{'));
            Assert.Contains(lines, line => line.Contains($"warn: Playtrail.Server[{ReportingOpenEventId}] {ReportingOpenMessage}", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("info: Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1:", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Production_WritesOneJsonObjectPerLineWithEventIds()
    {
        var directory = ServerInstance.NewDirectory();
        try
        {
            await using var server = await ServerProcess.StartInEnvironmentAsync("Production", StoragePath(directory));

            var entries = Lines(server).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

            Assert.All(entries, entry =>
            {
                Assert.Equal(JsonValueKind.Number, entry.GetProperty("EventId").ValueKind);
                Assert.False(string.IsNullOrEmpty(entry.GetProperty("Category").GetString()));
                Assert.False(string.IsNullOrEmpty(entry.GetProperty("LogLevel").GetString()));
                Assert.False(string.IsNullOrEmpty(entry.GetProperty("Timestamp").GetString()));
            });
            var reportingOpen = Assert.Single(entries, entry => entry.GetProperty("Message").GetString()!.StartsWith(ReportingOpenMessage, StringComparison.Ordinal));
            Assert.Equal(ReportingOpenEventId, reportingOpen.GetProperty("EventId").GetInt32());
            Assert.Equal("Playtrail.Server", reportingOpen.GetProperty("Category").GetString());
            Assert.Equal("Warning", reportingOpen.GetProperty("LogLevel").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task FormatterName_OnTheCommandLine_OverridesTheEnvironmentsChoice()
    {
        var directory = ServerInstance.NewDirectory();
        try
        {
            await using var server = await ServerProcess.StartInEnvironmentAsync("Production", StoragePath(directory), "Logging:Console:FormatterName=simple");

            var lines = Lines(server);

            Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith('{'));
            Assert.Contains(lines, line => line.Contains($"Playtrail.Server[{ReportingOpenEventId}] {ReportingOpenMessage}", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string StoragePath(string directory) => "Storage:Sqlite:Path=" + Path.Combine(directory, "playtrail.db");

    private static List<string> Lines(ServerProcess server) =>
        [.. server.OutputTail.Split('\n').Where(line => line.Length > 0)];
}
