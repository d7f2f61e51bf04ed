using System.Globalization;

namespace Playtrail.LoadTest.Measurement;

/// <summary>Samples a process's resident memory (VmRSS) every 100 ms while a window runs: its start, peak and end.</summary>
internal sealed class RssSampler : IDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<(double Start, double Peak, double End)?> _sampling;

    private RssSampler(int pid)
    {
        _pid = pid;
        _sampling = SampleAsync();
    }

    public static RssSampler Start(int pid) => new(pid);

    /// <summary>Stops sampling; null when the process could not be read.</summary>
    public async Task<(double Start, double Peak, double End)?> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        return await _sampling.ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();

    private async Task<(double Start, double Peak, double End)?> SampleAsync()
    {
        if (Read() is not { } start)
        {
            return null;
        }

        var peak = start;
        var last = start;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (Read() is { } now)
                {
                    last = now;
                    peak = Math.Max(peak, now);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        last = Read() ?? last;
        return (start, Math.Max(peak, last), last);
    }

    private double? Read()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
