namespace Playtrail.LoadTest.Tests;

/// <summary>
/// A short run of the real harness (floor, server and baseline as child processes) that checks it works end to end;
/// it measures nothing and asserts no timing.
/// </summary>
public sealed class LoadTestSmokeTests
{
    [Fact]
    public async Task OpenLoopOnlineRun_AnswersEveryRequestAndReportsTheFloor()
    {
        var output = new StringWriter();
        var progress = new StringWriter();

        var exitCode = await LoadTestCommand.RunAsync(
            ["--scenario", "online", "--rate", "100", "--clients", "4", "--pings", "3", "--seconds", "1", "--warmup", "0", "--max-warmup", "0", "--no-perf"],
            output,
            progress);

        Assert.True(exitCode == LoadTestCommand.Succeeded, progress.ToString() + output);
        var report = output.ToString();
        Assert.Contains("open loop at 100 requests/s", report);
        Assert.Contains("| online (floor) |", report);
        Assert.Matches(@"\| online \|.*\| [0-9.]+× CPU, [0-9.]+× req/s \|", report);
        // Where the CPU went: the server's writer reports its busy share (the floor has no writer).
        Assert.Matches(@"\| online \| [^|]+ \| [0-9.]+ \| [0-9.]+ \| [0-9]\.[0-9]{2} \|", report);
        Assert.Matches(@"\| online \(floor\) \| [^|]+ \| [0-9.]+ \| [0-9.]+ \| – \|", report);
    }
}
