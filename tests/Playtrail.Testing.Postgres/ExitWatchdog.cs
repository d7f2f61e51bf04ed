using System.Diagnostics;
using System.Globalization;

namespace Playtrail.Testing;

/// <summary>
/// A detached shell loop per cluster that stops the cluster and deletes its folder once the test process
/// is gone. ProcessExit handlers do not run when the test host is killed (a crash, a hang timeout, or
/// the runner's short shutdown grace), and a postmaster outlives its parent; this covers those cases.
/// </summary>
internal static class ExitWatchdog
{
    // $1 test process id, $2 pg_ctl, $3 data folder, $4 cluster folder, $5 OS user to run pg_ctl as (or empty).
    // The loop runs in a background subshell so it is re-parented to init and survives a process-tree kill.
    private const string Script = """
        (
          while kill -0 "$1" 2>/dev/null && [ -d "$4" ]; do sleep 0.5; done
          if [ -d "$4" ]; then
            if [ -n "$5" ]; then runuser -u "$5" -- "$2" stop -D "$3" -m immediate -w; else "$2" stop -D "$3" -m immediate -w; fi
            rm -rf "$4"
          fi
        ) </dev/null >/dev/null 2>&1 &
        """;

    public static void Watch(ServerFolder folder, string pgCtl, string? runAsUser)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add("playtrail-pg-watchdog");
        start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(pgCtl);
        start.ArgumentList.Add(folder.DataPath);
        start.ArgumentList.Add(folder.Path);
        start.ArgumentList.Add(runAsUser ?? "");

        using var shell = Process.Start(start) ?? throw new InvalidOperationException("Cannot start /bin/sh for the PostgreSQL exit watchdog.");
        shell.StandardInput.Close();
        // The outer shell only forks the loop and returns at once.
        shell.WaitForExit();
    }
}
