using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Client.Offline;

namespace Playtrail.Client.Tests.Offline;

/// <summary>The tracker in downloaded mode, end to end: device store, uploader and a real server.</summary>
public sealed class DownloadedTrackingTests : IDisposable
{
    private readonly string _directory = ServerInstance.NewDirectory();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle still closing; the temp folder is the OS's to clean.
        }
    }

    [Fact]
    public async Task ASessionWatchedOfflineDaysAgo_IsUploadedOnce_AndReportedOnTheDayItWasWatched()
    {
        var watchedAt = DateTimeOffset.UtcNow.AddDays(-3);
        var time = new FakeTimeProvider(watchedAt);
        var network = new FakeConnectivity();
        network.Set(online: false);
        await using var server = await ServerInstance.StartAsync();
        var options = TestTrackers.Options(server.BaseAddress);
        options.DownloadedStore = new DeviceStoreOptions { Path = Path.Combine(_directory, "device.db") };
        await using var client = new PlaytrailClient(options, timeProvider: time, connectivityProbe: network);
        var tracker = client.CreateTracker(TrackingMode.Downloaded);

        // Watched on a plane: nothing can be sent, every event goes to the device store.
        tracker.TrackSessionStart(TestTrackers.Movie);
        tracker.TrackPlay();
        for (var playhead = 1; playhead <= 30; playhead++)
        {
            // A player reports its playhead as it moves; a playhead standing still while playing is a stall.
            time.Advance(TimeSpan.FromSeconds(1));
            tracker.UpdatePlayhead(playhead);
        }

        tracker.TrackComplete();
        var stored = client.DeviceStore!.GetDiagnostics();

        // Days later, back online. The uploader wakes by itself on the connectivity change; an explicit flush may
        // find the work already done. Either way the server gets the session once.
        network.Set(online: true);
        await client.UploadPendingAsync();
        var after = await Eventually.WaitAsync(() => Task.FromResult(client.DeviceStore!.GetDiagnostics()), d => d.ReadySessions == 0);
        var again = await client.UploadPendingAsync();

        Assert.Equal((1, 0), (stored.ReadySessions, stored.OpenSessions));
        Assert.Equal((1L, 0L), (after.DeliveredSessions, after.ReplayedSessions));
        Assert.Equal(0, again.Delivered + again.Replayed);
        Assert.Equal(1, server.Count("sessions"));

        var location = "/api/v1/sessions/" + OnlySessionId(server);
        var report = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await server.Client.GetStringAsync(location)).RootElement.Clone(),
            r => r.GetProperty("status").GetString() == "completed");
        Assert.True(report.GetProperty("downloaded").GetBoolean());
        // sessionStart, play, three pings (10, 20, 30 s) and sessionComplete.
        Assert.Equal(6, report.GetProperty("eventCount").GetInt32());
        Assert.InRange(report.GetProperty("metrics").GetProperty("timePlayed").GetDouble(), 30, 30.01);

        var day = watchedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summary = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await server.Client.GetStringAsync(
                $"/api/v1/reports/summary?from={day}&to={day}&groupBy=downloaded")).RootElement.Clone(),
            s => s.GetProperty("rows").GetArrayLength() == 1);
        var row = summary.GetProperty("rows")[0];
        Assert.Equal("downloaded", row.GetProperty("key").GetString());
        Assert.Equal(1, row.GetProperty("starts").GetInt64());
    }

    [Fact]
    public async Task AMediaNameLongerThanTheServerTakes_TrackedOffline_IsCutOnTheDevice_AndTheServerAcceptsTheSession()
    {
        var network = new FakeConnectivity();
        network.Set(online: false);
        await using var server = await ServerInstance.StartAsync();
        var options = TestTrackers.Options(server.BaseAddress);
        options.DownloadedStore = new DeviceStoreOptions { Path = Path.Combine(_directory, "device.db") };
        await using var client = new PlaytrailClient(options, connectivityProbe: network);
        var tracker = client.CreateTracker(TrackingMode.Downloaded);
        var name = string.Concat(Enumerable.Repeat("A very long title. ", 500));

        tracker.TrackSessionStart(TestTrackers.Movie with { Name = name });
        tracker.TrackPlay();
        tracker.UpdatePlayhead(5);
        tracker.TrackComplete();
        network.Set(online: true);
        await client.UploadPendingAsync();
        var after = await Eventually.WaitAsync(() => Task.FromResult(client.DeviceStore!.GetDiagnostics()), d => d.ReadySessions == 0);

        // Without the cut the server answers 400 maxLength and the whole session becomes a dead letter.
        Assert.Equal((1L, 0), (after.DeliveredSessions, after.DeadLetters));
        Assert.Empty(client.DeviceStore!.GetDeadLetters());
        Assert.Equal(1, client.Diagnostics.StringsTruncated);
        var report = JsonDocument.Parse(await server.Client.GetStringAsync("/api/v1/sessions/" + OnlySessionId(server))).RootElement;
        Assert.Equal(name[..2048], report.GetProperty("media").GetProperty("name").GetString());
    }

    private static string OnlySessionId(ServerInstance server) =>
        server.Query("SELECT session_id FROM sessions", reader => reader.GetString(0)).Single();
}
