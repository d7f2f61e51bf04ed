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
