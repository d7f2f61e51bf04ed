using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Playtrail.Client.Connectivity;
using Playtrail.Client.Offline;
using Playtrail.Client.Online;
using Playtrail.Client.Tracking;

namespace Playtrail.Client;

/// <summary>
/// The SDK's entry point: create one per app, keep it for the app's lifetime, and create a <see cref="MediaTracker"/>
/// per player. Holds the HTTP connection, the connectivity probe and the <see cref="Diagnostics"/>. Disposing it
/// ends open sessions, then gives queued online events and the downloaded sessions waiting in the device store
/// <see cref="PlaytrailClientOptions.ShutdownTimeout"/> to go out: <c>await using</c> the client and a short-lived
/// app delivers what it recorded before it exits.
/// </summary>
public sealed class PlaytrailClient : IAsyncDisposable, IDisposable
{
    private readonly PlaytrailClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient _http;
    private readonly IConnectivityProbe _probe;
    private readonly bool _ownsProbe;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly OnlineContext _online;
    private readonly object _lock = new();
    private readonly List<OnlineSessionSink> _senders = [];
    private readonly List<MediaTracker> _trackers = [];
    private readonly HttpClient? _uploadHttp;
    private readonly SessionUploader? _uploader;
    private bool _disposed;

    /// <summary>Creates the client. Throws <see cref="ArgumentException"/> for invalid options, the only exception the SDK raises.</summary>
    /// <param name="options">Server and analytics settings; validated now and copied, so later changes have no effect.</param>
    /// <param name="logger">Where the SDK logs; nothing is logged when null.</param>
    /// <param name="timeProvider">The clock for timestamps, pings and retries; the system clock when null.</param>
    /// <param name="connectivityProbe">Asked before every request; <see cref="NetworkConnectivityProbe"/> when null.</param>
    /// <param name="httpHandler">The HTTP handler to send with (proxies, certificate pinning, tests); not disposed by the client.</param>
    public PlaytrailClient(
        PlaytrailClientOptions options,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        IConnectivityProbe? connectivityProbe = null,
        HttpMessageHandler? httpHandler = null)
    {
#if NET
        ArgumentNullException.ThrowIfNull(options);
#else
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }
#endif

        options.Validate();
        _options = options.Copy();
        _logger = logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _ownsProbe = connectivityProbe is null;
        _probe = connectivityProbe ?? new NetworkConnectivityProbe();
        _http = httpHandler is null ? new HttpClient() : new HttpClient(httpHandler, disposeHandler: false);
        var server = _options.ServerUrl!.OriginalString;
        _http.BaseAddress = new Uri(server.EndsWith('/') ? server : server + "/");
        _http.Timeout = _options.RequestTimeout;
        _online = new OnlineContext(
            new CollectionApiClient(_http, _timeProvider), _options, _probe, _timeProvider, Diagnostics, _logger, _shutdown.Token);

        if (_options.DownloadedStore is { } storeOptions)
        {
            // Sessions a crash or kill left open are closed at their last stored event and queued before anything
            // new is recorded. The store never throws past its options check: a file it cannot open leaves it
            // unavailable, counted in its diagnostics.
            DeviceStore = DeviceSessionStore.Open(storeOptions, _timeProvider, _logger);
            DeviceStore.RecoverInterrupted();
            // Uploads have their own timeout (a whole session may be megabytes), so their client has none.
            _uploadHttp = httpHandler is null ? new HttpClient() : new HttpClient(httpHandler, disposeHandler: false);
            _uploadHttp.Timeout = Timeout.InfiniteTimeSpan;
            _uploader = new SessionUploader(DeviceStore, _uploadHttp, _options.ServerUrl, _probe, _options.Uploader, _timeProvider, _logger);
            var store = DeviceStore;
            var uploader = _uploader;
            DownloadedSinkFactory = () => new DownloadedSessionSink(store, uploader, _logger);
            _uploader.Start();
        }
    }

    /// <summary>
    /// The on-device store of downloaded sessions, when <see cref="PlaytrailClientOptions.DownloadedStore"/> is set:
    /// its diagnostics (queue depth, oldest pending age, drops by reason, last error) and its dead letters.
    /// </summary>
    public DeviceSessionStore? DeviceStore { get; }

    /// <summary>
    /// Uploads every stored downloaded session that is due now, oldest first, and returns what happened. The client
    /// also does this by itself when a session ends, when connectivity returns and on a timer; call this to flush at
    /// a moment of your choosing (a "sync now" button, a background task). Without a store, returns an empty result.
    /// </summary>
    public Task<UploadPassResult> UploadPendingAsync(CancellationToken cancellationToken = default) =>
        _uploader is null
            ? Task.FromResult(new UploadPassResult(0, 0, 0, 0, StoppedOffline: false, Array.Empty<string>()))
            : _uploader.UploadReadyAsync(cancellationToken);

    /// <summary>What the SDK did so far: events emitted, sent, retried and dropped by reason, and the last error.</summary>
    public ClientDiagnostics Diagnostics { get; } = new();

    /// <summary>
    /// The store for downloaded sessions: called at every downloaded <c>sessionStart</c> for a sink that takes that
    /// session's events. Null until the offline store is wired in; a downloaded tracker then records nothing.
    /// </summary>
    internal Func<ISessionSink>? DownloadedSinkFactory { get; set; }

    /// <summary>Creates a tracker for one player.</summary>
    /// <param name="mode"><see cref="TrackingMode.Online"/> for streamed content, <see cref="TrackingMode.Downloaded"/> for content played from the device.</param>
    public MediaTracker CreateTracker(TrackingMode mode = TrackingMode.Online)
    {
        var downloaded = mode == TrackingMode.Downloaded;
        var core = new TrackerCore(_options, _timeProvider, _logger, Diagnostics, downloaded ? CreateDownloadedSink : CreateOnlineSink, downloaded);
        var tracker = new MediaTracker(core, _logger, Diagnostics);
        lock (_lock)
        {
            if (!_disposed)
            {
                _trackers.Add(tracker);
            }
        }

        return tracker;
    }

    /// <summary>
    /// Ends open sessions, then waits up to <see cref="PlaytrailClientOptions.ShutdownTimeout"/> while queued online
    /// events are sent and due downloaded sessions are uploaded, then stops. What does not make it stays queued on the
    /// device (downloaded sessions) for the next start; never throws.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        MediaTracker[] trackers;
        Task[] pending;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            trackers = [.. _trackers];
            _trackers.Clear();
        }

        foreach (var tracker in trackers)
        {
            tracker.Dispose();
        }

        lock (_lock)
        {
            pending = _senders.Select(sender => sender.Completion).ToArray();
        }

        try
        {
            // One deadline for both: queued online events drain while ended downloaded sessions upload. The wall
            // clock bounds it, not the injected one, so a paused test clock cannot hold disposal forever.
            using var flushDeadline = new CancellationTokenSource(_options.ShutdownTimeout);
            var uploads = FlushUploadsAsync(flushDeadline.Token);
            var all = Task.WhenAll(pending);
            await Task.WhenAny(all, Task.Delay(_options.ShutdownTimeout)).ConfigureAwait(false);
            _shutdown.Cancel();
            await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
            await uploads.ConfigureAwait(false);
        }
        finally
        {
            if (_uploader is not null)
            {
                await _uploader.DisposeAsync().ConfigureAwait(false);
            }

            DeviceStore?.Dispose();
            _uploadHttp?.Dispose();
            _http.Dispose();
            if (_ownsProbe && _probe is IDisposable disposable)
            {
                disposable.Dispose();
            }

            _shutdown.Dispose();
        }
    }

    /// <summary>
    /// Uploads the stored sessions that are due (the ones the trackers just ended among them) until the deadline.
    /// A session cut off mid-upload stays ready in the store and goes out with the same <c>Idempotency-Key</c> at the
    /// next start, so the server keeps it once; a session the store marked delivered is never sent again.
    /// </summary>
    private async Task FlushUploadsAsync(CancellationToken deadline)
    {
        if (_uploader is null || _options.ShutdownTimeout == TimeSpan.Zero)
        {
            return;
        }

        try
        {
            var result = await _uploader.UploadReadyAsync(deadline).ConfigureAwait(false);
            Log.ShutdownFlush(_logger, result.Delivered, deadline.IsCancellationRequested);
        }
#pragma warning disable CA1031 // The SDK's promise: disposal never throws into the host app.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Log.ShutdownFlushFailed(_logger, exception);
        }
    }

    /// <summary>As <see cref="DisposeAsync"/>, blocking; prefer the async form on a UI thread.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private OnlineSessionSink? CreateOnlineSink()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return null;
            }

            _senders.RemoveAll(sender => sender.Completion.IsCompleted);
            var sink = new OnlineSessionSink(_online);
            _senders.Add(sink);
            return sink;
        }
    }

    private ISessionSink? CreateDownloadedSink()
    {
        var factory = DownloadedSinkFactory;
        if (factory is null)
        {
            Log.NoDownloadedSink(_logger);
            Diagnostics.Error("No store is configured for downloaded tracking.");
            return null;
        }

        return factory();
    }
}
