using System.Diagnostics;
using Playtrail.Testing;

namespace Playtrail.Cli.Tests;

public sealed class ProgressBarTests
{
    [Theory]
    [InlineData(0, 1000, "[..............................] 0/1000 sessions  41 s")]
    [InlineData(523, 1000, "[################..............] 523/1000 sessions  41 s")]
    [InlineData(1000, 1000, "[##############################] 1000/1000 sessions  41 s")]
    [InlineData(0, 0, "[##############################] 0/0 sessions  41 s")]
    public void Line_FillsTheBarByTheShareDone(long done, long total, string expected)
    {
        Assert.Equal(expected, ProgressBar.Line(new ProgressSnapshot(done, total, "sessions"), TimeSpan.FromSeconds(41.7)));
    }

    [Fact]
    public void Line_WithAnUnknownTotal_ShowsTheCountAlone()
    {
        Assert.Equal("123456 bytes  41 s", ProgressBar.Line(new ProgressSnapshot(123_456, -1, "bytes"), TimeSpan.FromSeconds(41.7)));
    }

    [Fact]
    public async Task OnATerminal_TheBarIsRedrawnInPlace_AndEndsWithANewLine()
    {
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var done = 0;
        var reads = 0;
        ProgressSnapshot Read()
        {
            Interlocked.Increment(ref reads);
            return new ProgressSnapshot(Volatile.Read(ref done), 10, "sessions");
        }

        // A clock never started, so the seconds shown do not depend on how fast the machine is.
        var drawing = ProgressBar.RunAsync(Read, error, isTerminal: true, new Stopwatch(), stop.Token);

        // The second read comes after the first drawing was written.
        await Eventually.WaitAsync(() => Task.FromResult(Volatile.Read(ref reads)), count => count >= 2);
        Volatile.Write(ref done, 10);
        await stop.CancelAsync();
        await drawing;

        var text = error.ToString();
        Assert.StartsWith("\r[", text, StringComparison.Ordinal);
        Assert.EndsWith("10/10 sessions  0 s" + Environment.NewLine, text, StringComparison.Ordinal);
        Assert.Single(text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
