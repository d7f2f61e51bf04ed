using System.Globalization;

namespace Playtrail.ExportBenchmark;

/// <summary>Reads the server's VmRSS every 100 ms while a request runs, to show whether memory grows with the rows.</summary>
internal sealed class RssSampler : IDisposable
{
    private static readonly double[] Shares = [0.25, 0.5, 0.75, 1.0];

    private readonly CancellationTokenSource _stop = new();
    private readonly Task<List<long>> _samples;

    public RssSampler(ServerChild server) => _samples = RunAsync(server, _stop.Token);

    /// <summary>Stops sampling; the RSS (MiB) at a quarter, half, three quarters and the end of the time.</summary>
    public async Task<string> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        var samples = await _samples.ConfigureAwait(false);
        return samples.Count == 0
            ? "–"
            : string.Join(" / ", Shares.Select(share =>
                (samples[Math.Min(samples.Count - 1, (int)(share * samples.Count))] / 1024.0).ToString("N0", CultureInfo.InvariantCulture)));
    }

    public void Dispose() => _stop.Dispose();

    private static async Task<List<long>> RunAsync(ServerChild server, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        while (!cancellationToken.IsCancellationRequested)
        {
            samples.Add(server.StatusKb("VmRSS"));
            try
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return samples;
    }
}
