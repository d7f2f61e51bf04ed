namespace Playtrail.Cli.Tests.Simulation;

public sealed class ArgumentTests
{
    [Theory]
    [InlineData("--sessions 10", "--server is required")]
    [InlineData("--server http://127.0.0.1:5080", "--sessions is required")]
    [InlineData("--server ftp://example.com --sessions 10", "absolute http(s) URL")]
    [InlineData("--server http://127.0.0.1:5080 --sessions 0", "--sessions takes a whole number from 1")]
    [InlineData("--server http://127.0.0.1:5080 --sessions ten", "got 'ten'")]
    [InlineData("--server http://127.0.0.1:5080 --sessions 10 --downloaded-share 1.5", "--downloaded-share takes a number from 0 to 1")]
    [InlineData("--server http://127.0.0.1:5080 --sessions 10 --downloaded-share 0.5", "--store is required when --downloaded-share is above 0")]
    [InlineData("--server http://127.0.0.1:5080 --sessions 10 --players 0", "--players takes a whole number from 1 to 256")]
    [InlineData("--server http://127.0.0.1:5080 --sessions 10 --days-back 40", "--days-back takes a whole number from 1 to 29")]
    [InlineData("--server http://127.0.0.1:5080 --sessions 10 --seed", "--seed needs a value")]
    [InlineData("--server http://127.0.0.1:5080 --sessions 10 --frobnicate", "unknown option '--frobnicate'")]
    public async Task Simulate_WithBadArguments_ExitsTwoWithTheReasonAndTheUsage(string args, string reason)
    {
        var run = await CliRun.RunAsync(["simulate", .. args.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: playtrail simulate", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("--server http://127.0.0.1:5080", "--store is required")]
    [InlineData("--store /no/such/folder/anywhere --server http://127.0.0.1:5080", "no folder '/no/such/folder/anywhere'")]
    [InlineData("--store . --server", "--server needs a value")]
    [InlineData("--store . --server=nonsense", "absolute http(s) URL")]
    public async Task Upload_WithBadArguments_ExitsTwoWithTheReasonAndTheUsage(string args, string reason)
    {
        var run = await CliRun.RunAsync(["upload", .. args.Split(' ')]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Contains("Usage: playtrail upload", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("upload")]
    public async Task Help_PrintsTheUsageOnStandardOutputAndExitsZero(string command)
    {
        var run = await CliRun.RunAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Usage: playtrail {command}", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommandList_NamesSimulateAndUpload()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.Contains("simulate", run.Out, StringComparison.Ordinal);
        Assert.Contains("upload", run.Out, StringComparison.Ordinal);
    }
}
