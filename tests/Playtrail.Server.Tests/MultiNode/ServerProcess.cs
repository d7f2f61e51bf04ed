using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Playtrail.Server.Tests.MultiNode;

/// <summary>
/// A Playtrail server running as a real child process (<c>dotnet Playtrail.Server.dll</c> from beside this test
/// assembly) on a port the OS picks, read back from its "Now listening on" log line. Disposing kills it.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 200;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    // Children still running when the test process exits (a test that never reached Dispose) are killed then.
    private static readonly ConcurrentDictionary<Process, byte> Running = new();

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static ServerProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Keys)
            {
                KillQuietly(process);
            }
        };
    }

    private ServerProcess(Process process)
    {
        _process = process;
        Running.TryAdd(process, 0);
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The last lines the server wrote, for failure messages.</summary>
    public string OutputTail => string.Join('\n', _output);

    /// <summary>Starts the server with <c>Key=Value</c> settings and waits until <c>/health</c> answers 200.</summary>
    public static Task<ServerProcess> StartAsync(params string[] settings) => StartAsync(environment: null, settings);

    /// <summary>
    /// Starts the server in the host environment <paramref name="environment"/> (<c>--environment</c>) with the console
    /// log format that environment's appsettings choose, rather than the plain format the other tests read.
    /// </summary>
    public static Task<ServerProcess> StartInEnvironmentAsync(string environment, params string[] settings) =>
        StartAsync((string?)environment, settings);

    private static async Task<ServerProcess> StartAsync(string? environment, string[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Playtrail.Server.dll"));
        info.ArgumentList.Add("--urls=http://127.0.0.1:0");
        // Quiet, but the lifetime log still says which port the OS gave.
        info.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        info.ArgumentList.Add("--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
        // As in ServerInstance: no shed 503 because a shared test machine held a write past the production budget.
        info.ArgumentList.Add("--Ingestion:Admission:LatencyBudget=00:00:30");
        if (environment is null)
        {
            info.ArgumentList.Add("--Logging:Console:FormatterName=simple");
        }
        else
        {
            // The command line outranks the variables, but a runner's own variables should not even be candidates.
            info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
            info.Environment.Remove("DOTNET_ENVIRONMENT");
            info.ArgumentList.Add("--environment=" + environment);
        }

        foreach (var setting in settings)
        {
            info.ArgumentList.Add("--" + setting);
        }

        var server = new ServerProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>SIGKILLs the server and waits for it to be gone; the client stays, so requests in flight fail as a client would see them.</summary>
    public async Task KillAsync()
    {
        KillQuietly(_process);
        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Sends SIGTERM, as a service manager stopping the server does, and waits up to <paramref name="bound"/> for the
    /// process to exit; returns its exit code, or null when it was still running then.
    /// </summary>
    public async Task<int?> TerminateAsync(TimeSpan bound)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(bound);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        KillQuietly(_process);
        await _process.WaitForExitAsync();
        Running.TryRemove(_process, out _);
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var clock = Stopwatch.StartNew();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(StartTimeout));
        if (first != _listening.Task)
        {
            throw Failure("did not report a listening address");
        }

        BaseAddress = await _listening.Task;
        Client = new HttpClient { BaseAddress = BaseAddress };

        while (true)
        {
            try
            {
                using var health = await Client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting yet.
            }

            if (_process.HasExited || clock.Elapsed > StartTimeout)
            {
                throw Failure("did not answer /health with 200");
            }

            await Task.Delay(50);
        }
    }

    private static void KillQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private InvalidOperationException Failure(string what) =>
        new($"The server process {what} (exited: {_process.HasExited}).\n--- output ---\n{OutputTail}");

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://[0-9.]+:[0-9]+)")]
    private static partial Regex ListeningLine();
}
