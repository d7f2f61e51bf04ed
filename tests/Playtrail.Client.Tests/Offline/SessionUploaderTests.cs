using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Client.Offline;

namespace Playtrail.Client.Tests.Offline;

public sealed class SessionUploaderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeConnectivity _connectivity = new();

    [Fact]
    public async Task SessionRecordedWhileServerIsDown_ArrivesExactlyOnce_AfterItComesBack()
    {
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        Recording.Complete(store, 1_700_000_000_000);
        var port = FreePort();
        var serverUrl = new Uri($"http://127.0.0.1:{port}/");
        using var handler = new ScriptedHandler();
        using var http = new HttpClient(handler);
        await using var uploader = new SessionUploader(store, http, serverUrl, _connectivity, timeProvider: _time);

        var whileDown = await uploader.UploadReadyAsync();

        Assert.Equal(1, whileDown.RetryLater);
        Assert.Equal(1, _connectivity.NotReached);
        Assert.Equal(1, store.GetDiagnostics().ReadySessions);
        Assert.Contains("network", store.GetDiagnostics().LastError, StringComparison.Ordinal);

        await using var server = await ServerInstance.StartAsync($"urls=http://127.0.0.1:{port}");
        Assert.Equal(0, (await uploader.UploadReadyAsync()).Delivered);
        _time.Advance(UploaderOptions.DefaultBackoffBase);
        var afterBackOff = await uploader.UploadReadyAsync();

        Assert.Equal(1, afterBackOff.Delivered);
        Assert.Equal(0, afterBackOff.Replayed);
        Assert.Equal(1, server.Count("sessions"));
        using var report = await server.Client.GetAsync(afterBackOff.Locations.Single());
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(0, store.GetDiagnostics().ReadySessions);
        Assert.Equal(1, store.GetDiagnostics().DeliveredSessions);
        Assert.Single(handler.Requests.Select(request => request.IdempotencyKey).Distinct());
        Assert.All(handler.Requests, request => Assert.Equal("gzip", request.ContentEncoding));
        Assert.Equal(0, (await uploader.UploadReadyAsync()).Delivered);
        Assert.Equal(1, server.Count("sessions"));
    }

    [Fact]
    public async Task ServerAnswering500Then503WithRetryAfter_GetsTheSessionOnce_AfterWaitsThatHonourRetryAfter()
    {
        await using var server = await ServerInstance.StartAsync();
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        Recording.Complete(store, 1_700_000_000_000);
        using var handler = new ScriptedHandler(
            ScriptedHandler.Answer(HttpStatusCode.InternalServerError),
            ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(1)));
        using var http = new HttpClient(handler);
        await using var uploader = new SessionUploader(store, http, server.BaseAddress, _connectivity, timeProvider: _time);

        Assert.Equal(1, (await uploader.UploadReadyAsync()).RetryLater);
        var firstRetry = store.NextAttemptAt()!.Value - _time.GetUtcNow();
        Assert.InRange(firstRetry, UploaderOptions.DefaultBackoffBase / 2, UploaderOptions.DefaultBackoffBase);
        _time.Advance(firstRetry);
        Assert.Equal(1, (await uploader.UploadReadyAsync()).RetryLater);

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(1), store.NextAttemptAt());
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, (await uploader.UploadReadyAsync()).Delivered);
        Assert.Equal(2, handler.Requests.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var delivered = await uploader.UploadReadyAsync();

        Assert.Equal(1, delivered.Delivered);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Single(handler.Requests.Select(request => request.IdempotencyKey).Distinct());
        Assert.Equal(1, server.Count("sessions"));
        Assert.Equal("HTTP 503", store.GetDiagnostics().LastError);
    }

    [Fact]
    public async Task UploadWhoseAnswerIsLost_IsResentWithTheSameKey_AndCountedOnceByTheServer()
    {
        await using var server = await ServerInstance.StartAsync();
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        Recording.Complete(store, 1_700_000_000_000);
        using var handler = new ScriptedHandler(ScriptedHandler.LoseAnswer());
        using var http = new HttpClient(handler);
        await using var uploader = new SessionUploader(store, http, server.BaseAddress, _connectivity, timeProvider: _time);

        Assert.Equal(1, (await uploader.UploadReadyAsync()).RetryLater);
        Assert.Equal(1, server.Count("sessions"));
        _time.Advance(UploaderOptions.DefaultBackoffBase);
        var resent = await uploader.UploadReadyAsync();

        Assert.Equal(1, resent.Delivered);
        Assert.Equal(1, resent.Replayed);
        Assert.Equal(1, server.Count("sessions"));
        Assert.Equal(1, store.GetDiagnostics().ReplayedSessions);
    }

    [Fact]
    public async Task SessionTheServerRefusesWith400_LandsInDeadLetters_WithTheServersErrors()
    {
        await using var server = await ServerInstance.StartAsync();
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        var invalid = Recording.Begin(store, 1_700_000_000_000, extraParams: "\"media.notAKey\": 1");
        store.EndSession(invalid);
        var valid = Recording.Complete(store, 1_700_000_100_000);
        using var http = new HttpClient();
        await using var uploader = new SessionUploader(store, http, server.BaseAddress, _connectivity, timeProvider: _time);

        var pass = await uploader.UploadReadyAsync();

        Assert.Equal(1, pass.DeadLettered);
        Assert.Equal(1, pass.Delivered);
        var letter = Assert.Single(store.GetDeadLetters());
        Assert.Equal(invalid, letter.SessionId);
        Assert.Equal(400, letter.Status);
        Assert.Contains("\"errors\"", letter.Error, StringComparison.Ordinal);
        Assert.Contains("/0/params", letter.Error, StringComparison.Ordinal);
        Assert.Equal(1, store.GetDiagnostics().DeadLetters);
        Assert.Equal(1, server.Count("sessions"));
        Assert.Equal(0, (await uploader.UploadReadyAsync()).DeadLettered);
        Assert.True(store.DeleteDeadLetter(invalid));
        Assert.Equal(1, store.GetDiagnostics().Drops[StoreDropReason.DeadLetterDeleted].Sessions);
        Assert.False(store.DeleteDeadLetter(valid));
    }

    [Fact]
    public async Task Offline_SendsNothing_ThenReconnecting_WakesTheLoopAndDelivers()
    {
        await using var server = await ServerInstance.StartAsync();
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() });
        using var http = new HttpClient();
        var options = new UploaderOptions { ReconnectDelayMax = TimeSpan.Zero, BackstopInterval = TimeSpan.FromHours(1) };
        await using var uploader = new SessionUploader(store, http, server.BaseAddress, _connectivity, options);
        _connectivity.Set(online: false);
        uploader.Start();
        Recording.Complete(store, 1_700_000_000_000);
        Recording.Complete(store, 1_700_000_100_000);
        uploader.Wake();

        Assert.True((await uploader.UploadReadyAsync()).StoppedOffline);
        Assert.Equal(2, store.GetDiagnostics().ReadySessions);
        _connectivity.Set(online: true);

        var ready = await Eventually.WaitAsync(() => Task.FromResult(store.GetDiagnostics().ReadySessions), count => count == 0);
        Assert.Equal(0, ready);
        Assert.Equal(2, server.Count("sessions"));
    }

    [Fact]
    public async Task UploadedBody_IsTheStoredEventsAsOneArray()
    {
        await using var server = await ServerInstance.StartAsync();
        using var store = DeviceSessionStore.Open(new DeviceStoreOptions { Path = Recording.NewStorePath() }, _time);
        var session = Recording.Complete(store, 1_529_997_923_478);
        var stored = Encoding.UTF8.GetString(store.ReadPayload(session)!);
        using var http = new HttpClient();
        await using var uploader = new SessionUploader(store, http, server.BaseAddress, _connectivity, new UploaderOptions { Gzip = false }, _time);

        var pass = await uploader.UploadReadyAsync();

        using var replay = await server.PostJsonAsync("/api/v1/sessions", stored);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(pass.Locations.Single(), replay.Headers.Location!.OriginalString);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
