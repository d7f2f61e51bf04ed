using System.Net;
using System.Text.Json;
using Playtrail.Client.Connectivity;

namespace Playtrail.Client.Tests.Online;

/// <summary>One request the SDK made and what it got back.</summary>
internal sealed record Exchange(string Path, string EventType, JsonElement Body, int Status, string? Location);

/// <summary>
/// Passes requests to the real server and records them; a script may answer a request itself (a 503, a 400) and a
/// gate may hold session creation back, to show what the SDK does meanwhile.
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    private readonly object _lock = new();
    private readonly List<Exchange> _exchanges = [];
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    public RecordingHandler() : base(new SocketsHttpHandler()) { }

    /// <summary>Given the request's event type and its number (from 1), a canned answer, or null to pass it on.</summary>
    public Func<string, int, HttpResponseMessage?>? Script { get; set; }

    /// <summary>When set, <c>POST /api/v1/sessions</c> waits for it before reaching the server.</summary>
    public Task? CreateGate { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The most requests the SDK had in flight at once over the whole run (a held create counts until it returns).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (_lock)
            {
                return [.. _exchanges];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _requests);
        var inFlight = Interlocked.Increment(ref _inFlight);
        lock (_lock)
        {
            _maxInFlight = Math.Max(_maxInFlight, inFlight);
        }

        try
        {
            var body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken)).RootElement.Clone();
            var eventType = body.GetProperty("eventType").GetString()!;
            var path = request.RequestUri!.AbsolutePath;
            if (path.EndsWith("/sessions") && CreateGate is { } gate)
            {
                await gate.WaitAsync(cancellationToken);
            }

            var response = Script?.Invoke(eventType, number) ?? await base.SendAsync(request, cancellationToken);
            lock (_lock)
            {
                _exchanges.Add(new Exchange(path, eventType, body, (int)response.StatusCode, response.Headers.Location?.OriginalString));
            }

            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static HttpResponseMessage Answer(HttpStatusCode status, string? body = null)
    {
        var response = new HttpResponseMessage(status);
        if (body is not null)
        {
            response.Content = new StringContent(body);
        }

        return response;
    }
}

/// <summary>A probe that always says online, so tests never wait on the backstop timer.</summary>
internal sealed class AlwaysOnline : IConnectivityProbe
{
    public bool IsOnline => true;

    public event EventHandler? ConnectivityChanged
    {
        add { }
        remove { }
    }

    public void ReportRequestOutcome(bool reachedServer)
    {
    }
}
