using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Playtrail.Client.Connectivity;

namespace Playtrail.Client.Offline;

/// <summary>
/// Sends the sessions in a <see cref="DeviceSessionStore"/> to the server, oldest first, one at a time, each as one
/// <c>POST</c> with its own <c>Idempotency-Key</c>. After <see cref="Start"/> a background loop wakes on
/// <see cref="Wake"/>, when connectivity returns (after a random delay) and on a backstop timer. Never throws into
/// the host app; outcomes show in the store's diagnostics.
/// </summary>
public sealed partial class SessionUploader : IAsyncDisposable
{
    private readonly DeviceSessionStore _store;
    private readonly HttpClient _httpClient;
    private readonly Uri _endpoint;
    private readonly IConnectivityProbe _connectivity;
    private readonly UploaderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _passGate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
#pragma warning disable CA5394 // Jitter only spreads retries; it needs no cryptographic strength.
    private readonly Random _random = new();
#pragma warning restore CA5394
    private Task? _loop;
    private ITimer? _reconnectTimer;
    private bool _disposed;

    /// <summary>Creates an uploader; nothing is sent until <see cref="Start"/> or <see cref="UploadReadyAsync"/>.</summary>
    /// <param name="store">The store to drain.</param>
    /// <param name="httpClient">The client to send with (owned by the caller, not disposed here).</param>
    /// <param name="serverUrl">The Playtrail server's base URL, e.g. <c>https://playtrail.example.com/</c>.</param>
    /// <param name="connectivity">Asked before every request and told the outcome after.</param>
    /// <param name="options">Back-off, timeouts, gzip; defaults when null.</param>
    /// <param name="timeProvider">The clock for back-off and timers; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where failures are logged; nothing when null.</param>
    /// <exception cref="ArgumentException">Bad configuration (null arguments, invalid options, a relative URL).</exception>
    public SessionUploader(
        DeviceSessionStore store,
        HttpClient httpClient,
        Uri serverUrl,
        IConnectivityProbe connectivity,
        UploaderOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _connectivity = connectivity ?? throw new ArgumentNullException(nameof(connectivity));
        _ = serverUrl ?? throw new ArgumentNullException(nameof(serverUrl));
        if (!serverUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The server URL must be absolute.", nameof(serverUrl));
        }

        _options = options ?? new UploaderOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;

        // A base URL without a trailing slash would lose its last segment when the route is resolved against it.
        var baseUrl = serverUrl.AbsoluteUri.EndsWith('/') ? serverUrl : new Uri(serverUrl.AbsoluteUri + "/");
        _endpoint = new Uri(baseUrl, _options.UploadPath.TrimStart('/'));
    }

    /// <summary>Starts the background loop (once; later calls do nothing).</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_loop is not null || _disposed)
            {
                return;
            }

            _connectivity.ConnectivityChanged += OnConnectivityChanged;
            _loop = Task.Run(() => RunAsync(_stopping.Token));
        }
    }

    /// <summary>
    /// Tells the loop to look for ready sessions now rather than at its next backstop pass (the tracker calls it when a
    /// downloaded session ends).
    /// </summary>
    public void Wake()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (Exception exception) when (exception is SemaphoreFullException or ObjectDisposedException)
        {
            // Already signalled, or shutting down: either way there is nothing more to do.
        }
    }

    /// <summary>Stops the loop and waits for an upload in flight to finish or be cancelled. The store and HttpClient stay open.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? loop;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            loop = _loop;
            _connectivity.ConnectivityChanged -= OnConnectivityChanged;
            _reconnectTimer?.Dispose();
        }

        _stopping.Cancel();
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
        _passGate.Dispose();
        _signal.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await UploadReadyAsync(stopping).ConfigureAwait(false);
                await WaitForWorkAsync(NextWait(), stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A bug must not end uploads for the life of the app; wait a backstop period and try again.
                Log.UploadPassFailed(_logger, exception);
                await WaitForWorkAsync(_options.BackstopInterval, stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Until the earliest back-off ends, but never longer than the backstop interval.</summary>
    private TimeSpan NextWait()
    {
        var now = _time.GetUtcNow();
        var next = _store.NextAttemptAt();
        if (_serverBackoffUntil > now && (next is null || next < _serverBackoffUntil))
        {
            next = _serverBackoffUntil;
        }

        return next is { } due && due > now && due - now < _options.BackstopInterval ? due - now : _options.BackstopInterval;
    }

    private async Task WaitForWorkAsync(TimeSpan wait, CancellationToken stopping)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
#if NET
        var delay = Task.Delay(wait, _time, waiting.Token);
#else
        var delay = _time.Delay(wait, waiting.Token);
#endif
        var signal = _signal.WaitAsync(waiting.Token);
        await Task.WhenAny(delay, signal).ConfigureAwait(false);
        waiting.Cancel();
        try
        {
            await Task.WhenAll(delay, signal).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // One of the two was cancelled because the other finished (or the uploader is stopping).
        }

        stopping.ThrowIfCancellationRequested();
    }

    private void OnConnectivityChanged(object? sender, EventArgs e)
    {
        if (!_connectivity.IsOnline)
        {
            return;
        }

        double random;
        lock (_random)
        {
#pragma warning disable CA5394 // Not security-relevant: spreads a fleet's reconnect uploads.
            random = _random.NextDouble();
#pragma warning restore CA5394
        }

        var delay = TimeSpan.FromMilliseconds(_options.ReconnectDelayMax.TotalMilliseconds * random);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _reconnectTimer?.Dispose();
            _reconnectTimer = _time.CreateTimer(_ => Wake(), null, delay, Timeout.InfiniteTimeSpan);
        }
    }
}
