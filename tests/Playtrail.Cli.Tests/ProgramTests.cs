namespace Playtrail.Cli.Tests;

public sealed class ProgramTests
{
    [Fact]
    public async Task NoArguments_PrintsUsageToStandardErrorAndExitsTwo()
    {
        var run = await CliRun.RunAsync();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: playtrail <command>", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_ListsTheCommandsOnStandardOutputAndExitsZero(string flag)
    {
        var run = await CliRun.RunAsync(flag);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("validate", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwoNamingIt()
    {
        var run = await CliRun.RunAsync("frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown command 'frobnicate'", run.Error, StringComparison.Ordinal);
    }
}
