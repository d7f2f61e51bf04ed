using System.Globalization;
using System.Text;
using Playtrail.Client.Offline;

namespace Playtrail.Client.Tests.Offline;

/// <summary>A real app process killed with SIGKILL, then restarted on the same store: every session arrives exactly once.</summary>
public sealed class ProcessKillTests
{
    [Fact]
    public async Task AppKilledWhileRecording_ThenRestarted_DeliversEverySessionOnce_WithEveryReturnedEvent()
    {
        var storePath = Recording.NewStorePath();
        int stored;
        using (var recorder = ClientHostProcess.Start("record", "--store", storePath, "--sessions", "5", "--events", "400"))
        {
            Assert.True(await recorder.WaitForLineAsync(line => line.StartsWith("appended 2 50", StringComparison.Ordinal)));
            recorder.Kill();
            var lastReported = recorder.Lines.Last(line => line.StartsWith("appended ", StringComparison.Ordinal)).Split(' ');
            var begun = recorder.Lines.Count(line => line.StartsWith("begun ", StringComparison.Ordinal));
            using var afterKill = DeviceSessionStore.Open(new DeviceStoreOptions { Path = storePath });
            var diagnostics = afterKill.GetDiagnostics();
            stored = diagnostics.ReadySessions + diagnostics.OpenSessions;

            // The kill may land between a commit and its line of output, never the other way round.
            Assert.InRange(stored, begun, begun + 1);
            Assert.Equal(1, diagnostics.OpenSessions);
            var interrupted = long.Parse(lastReported[1], CultureInfo.InvariantCulture);
            var storedEvents = Encoding.UTF8.GetString(afterKill.ReadPayload(interrupted)!).Split("\"eventType\"").Length - 1;
            Assert.True(storedEvents >= int.Parse(lastReported[2], CultureInfo.InvariantCulture), "an event the app was told was stored is missing");
        }

        await using var server = await ServerInstance.StartAsync();
        using var uploader = ClientHostProcess.Start("upload", "--store", storePath, "--server", server.BaseAddress.ToString());

        Assert.Equal(0, await uploader.WaitForExitAsync());
        Assert.Contains("recovered 1", uploader.Lines);
        Assert.Contains($"delivered {stored} replayed 0 ready 0", uploader.Lines);
        Assert.Equal(stored, server.Count("sessions"));
    }

    [Fact]
    public async Task AppKilledWhileTracking_ThenRestarted_DeliversEverySession_TheInterruptedOneEndedWithEveryReturnedCall()
    {
        var storePath = Recording.NewStorePath();
        int stored;
        string[] lastTracked;
        using (var player = ClientHostProcess.Start("track", "--store", storePath, "--sessions", "3", "--seconds", "300"))
        {
            Assert.True(await player.WaitForLineAsync(line => line == "tracked 1 40"));
            player.Kill();
            var started = player.Lines.Count(line => line.StartsWith("started ", StringComparison.Ordinal));
            lastTracked = player.Lines.Last(line => line.StartsWith("tracked ", StringComparison.Ordinal)).Split(' ');
            using var afterKill = DeviceSessionStore.Open(new DeviceStoreOptions { Path = storePath });
            var diagnostics = afterKill.GetDiagnostics();
            stored = diagnostics.ReadySessions + diagnostics.OpenSessions;

            // The kill may land between a session's start and its line of output, never the other way round.
            Assert.InRange(stored, started, started + 1);
            Assert.Equal(1, diagnostics.OpenSessions);
        }

        await using var server = await ServerInstance.StartAsync();
        using var uploader = ClientHostProcess.Start("upload", "--store", storePath, "--server", server.BaseAddress.ToString());

        Assert.Equal(0, await uploader.WaitForExitAsync());
        Assert.Contains("recovered 1", uploader.Lines);
        Assert.Contains($"delivered {stored} replayed 0 ready 0", uploader.Lines);
        var sessions = ServerSessions(server);
        Assert.Equal(stored, sessions.Count);
        Assert.Equal([.. Enumerable.Repeat("completed", stored - 1), "ended"], sessions.Select(session => session.Status));
        // The interrupted session holds sessionStart, play, a pause and a play per tracked second and the sessionEnd
        // added at restart: every call the app saw return is there.
        var interrupted = sessions[^1];
        var lastSession = int.Parse(lastTracked[1], CultureInfo.InvariantCulture);
        var lastSecond = int.Parse(lastTracked[2], CultureInfo.InvariantCulture);
        if (lastSession == stored - 1)
        {
            Assert.True(interrupted.Events >= 2 + (2 * lastSecond) + 1, $"{interrupted.Events} events for {lastSecond} tracked seconds");
        }
    }

    private static IReadOnlyList<(string Status, long Events)> ServerSessions(ServerInstance server) =>
        server.Query("SELECT status, event_count FROM sessions ORDER BY first_ts", reader => (reader.GetString(0), reader.GetInt64(1)));

    [Fact]
    public async Task AppKilledAfterTheServerStoredAnUpload_ThenRestarted_ResendsIt_AndTheServerCountsEverySessionOnce()
    {
        var storePath = Recording.NewStorePath();
        using (var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = storePath }))
        {
            for (var i = 0; i < 3; i++)
            {
                Recording.Complete(store, 1_700_000_000_000 + (i * 1_000_000));
            }
        }

        await using var server = await ServerInstance.StartAsync();
        using (var holding = ClientHostProcess.Start("upload", "--store", storePath, "--server", server.BaseAddress.ToString(), "--hold"))
        {
            Assert.True(await holding.WaitForLineAsync(line => line == "posted 201"));
            holding.Kill();
        }

        Assert.Equal(1, server.Count("sessions"));
        using var restarted = ClientHostProcess.Start("upload", "--store", storePath, "--server", server.BaseAddress.ToString());

        Assert.Equal(0, await restarted.WaitForExitAsync());
        Assert.Contains("delivered 3 replayed 1 ready 0", restarted.Lines);
        Assert.Equal(3, server.Count("sessions"));
    }
}
