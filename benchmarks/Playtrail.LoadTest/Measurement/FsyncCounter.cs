using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Playtrail.LoadTest.Measurement;

/// <summary>
/// Counts the server's fsync and fdatasync calls with <c>perf stat</c> on the kernel's syscall tracepoints: in-kernel
/// counting, so the server is not slowed the way strace would slow it. The SQLite store runs in WAL mode with
/// <c>synchronous = FULL</c>, which syncs the log once per committed transaction (and twice more per checkpoint),
/// so the count is a close upper bound on committed transactions. Needs perf and permission to trace; when either
/// is missing the count is simply unknown.
/// </summary>
internal sealed class FsyncCounter : IDisposable
{
    private const string Events = "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync";
    private readonly Process _perf;
    private readonly string _outputPath;

    private FsyncCounter(Process perf, string outputPath)
    {
        _perf = perf;
        _outputPath = outputPath;
    }

    /// <summary>Attaches to <paramref name="pids"/> and their threads, including those started later; null when perf cannot run.</summary>
    public static async Task<FsyncCounter?> StartAsync(IReadOnlyCollection<int> pids)
    {
        var outputPath = Path.Combine(Path.GetTempPath(), $"playtrail-loadtest-perf-{Guid.NewGuid():N}.csv");
        var start = new ProcessStartInfo("perf")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "stat", "-x", ",", "-o", outputPath, "-e", Events, "-p", string.Join(',', pids.Select(pid => pid.ToString(CultureInfo.InvariantCulture))) })
        {
            start.ArgumentList.Add(argument);
        }

        Process? perf;
        try
        {
            perf = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return null;
        }

        if (perf is null)
        {
            return null;
        }

        perf.OutputDataReceived += (_, _) => { };
        perf.ErrorDataReceived += (_, _) => { };
        perf.BeginOutputReadLine();
        perf.BeginErrorReadLine();

        // perf gives no sign that it has attached; the server is idle between phases, so starting early costs nothing.
        await Task.Delay(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false);
        if (perf.HasExited)
        {
            perf.Dispose();
            File.Delete(outputPath);
            return null;
        }

        return new FsyncCounter(perf, outputPath);
    }

    /// <summary>Stops counting and returns the number of sync calls; null when perf counted nothing readable.</summary>
    public async Task<long?> StopAsync()
    {
        if (!Native.Signal(_perf.Id, Native.SigInt))
        {
            return null;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _perf.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _perf.Kill();
            return null;
        }

        if (!File.Exists(_outputPath))
        {
            return null;
        }

        long? total = null;
        foreach (var line in await File.ReadAllLinesAsync(_outputPath).ConfigureAwait(false))
        {
            var fields = line.Split(',');
            if (fields.Length > 2 && fields[2].StartsWith("syscalls:", StringComparison.Ordinal))
            {
                if (!long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    return null;
                }

                total = (total ?? 0) + count;
            }
        }

        return total;
    }

    public void Dispose()
    {
        if (!_perf.HasExited)
        {
            _perf.Kill();
        }

        _perf.Dispose();
        File.Delete(_outputPath);
    }
}
