using System.IO.Compression;
using System.Net.Http.Headers;

namespace Playtrail.Client.Offline;

/// <summary>One upload pass: the due sessions, oldest first, one request at a time.</summary>
public sealed partial class SessionUploader
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string ReplayedHeader = "Idempotent-Replayed";

    // After a transient failure nothing is sent before this, so the oldest session goes first when the server returns.
    private DateTimeOffset _serverBackoffUntil = DateTimeOffset.MinValue;

    /// <summary>
    /// Sends every ready session whose back-off has passed, oldest first, one in flight. Stops early when the device
    /// is offline or the server answers a transient failure. Safe to call alongside the background loop (passes never
    /// overlap). Cancelling leaves the session in flight queued, to be resent later with the same key.
    /// </summary>
    public async Task<UploadPassResult> UploadReadyAsync(CancellationToken cancellationToken = default)
    {
        var tally = new PassTally();
        try
        {
            await _passGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            return tally.ToResult();
        }

        try
        {
            await RunPassAsync(tally, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up; the session in flight stays ready and is resent with the same Idempotency-Key.
        }
        finally
        {
            _passGate.Release();
        }

        return tally.ToResult();
    }

    private async Task RunPassAsync(PassTally tally, CancellationToken cancellationToken)
    {
        _store.EvictExpired();
        long afterId = 0;
        while (!cancellationToken.IsCancellationRequested && _time.GetUtcNow() >= _serverBackoffUntil)
        {
            if (_store.NextDue(afterId) is not { } session)
            {
                return;
            }

            afterId = session.Id;
            if (!_connectivity.IsOnline)
            {
                tally.StoppedOffline = true;
                return;
            }

            if (_store.ReadPayload(session.Id) is not { } payload)
            {
                continue;
            }

            if (await SendAsync(session, payload, tally, cancellationToken).ConfigureAwait(false) == UploadOutcome.Transient)
            {
                return;
            }
        }
    }

    private async Task<UploadOutcome> SendAsync(PendingUpload session, byte[] payload, PassTally tally, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = CreateContent(payload) };
        request.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, session.IdempotencyKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _httpClient.SendAsync(request, timeout.Token).ConfigureAwait(false);
            _connectivity.ReportRequestOutcome(reachedServer: true);
            var status = (int)response.StatusCode;
            var outcome = UploadPolicy.Classify(status);
            switch (outcome)
            {
                case UploadOutcome.Delivered:
                    var replayed = response.Headers.TryGetValues(ReplayedHeader, out var values)
                        && values.Any(value => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));
                    _store.MarkDelivered(session.Id, replayed);
                    tally.Delivered++;
                    tally.Replayed += replayed ? 1 : 0;
                    if (response.Headers.Location is { } location)
                    {
                        tally.Locations.Add(location.OriginalString);
                    }

                    Log.SessionDelivered(_logger, session.Id, status, replayed);
                    break;
                case UploadOutcome.Refused:
                    var body = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
                    _store.MarkDead(session.Id, status, body);
                    tally.DeadLettered++;
                    Log.UploadRefused(_logger, session.Id, status);
                    break;
                default:
                    var retryAfter = UploadPolicy.RetryAfter(response.Headers.RetryAfter, _time.GetUtcNow(), _options.BackoffCap);
                    ScheduleRetry(session, "HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture), status, retryAfter);
                    tally.RetryLater++;
                    break;
            }

            return outcome;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested
            && exception is HttpRequestException or OperationCanceledException or IOException)
        {
            // Never reached the server (DNS, connect, reset, timeout): tell the probe so other requests skip the wait.
            _connectivity.ReportRequestOutcome(reachedServer: false);
            ScheduleRetry(session, "network: " + exception.GetType().Name, status: null, retryAfter: null);
            tally.RetryLater++;
            return UploadOutcome.Transient;
        }
    }

    private void ScheduleRetry(PendingUpload session, string reason, int? status, TimeSpan? retryAfter)
    {
        double random;
        lock (_random)
        {
#pragma warning disable CA5394 // Not security-relevant: jitter spreads a fleet's retries.
            random = _random.NextDouble();
#pragma warning restore CA5394
        }

        var attempt = session.Attempts + 1;
        var delay = retryAfter ?? UploadPolicy.Backoff(attempt, _options.BackoffBase, _options.BackoffCap, random);
        // Whole milliseconds, as the store keeps them, so the persisted and in-memory back-offs end together.
        var next = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds() + (long)Math.Ceiling(delay.TotalMilliseconds));
        _serverBackoffUntil = next;
        _store.MarkRetry(session.Id, next, status, reason);
        Log.UploadRetrying(_logger, session.Id, reason, attempt, delay);
    }

    private ByteArrayContent CreateContent(byte[] payload)
    {
        ByteArrayContent content;
        if (_options.Gzip)
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(payload, 0, payload.Length);
            }

            content = new ByteArrayContent(compressed.ToArray());
            content.Headers.ContentEncoding.Add("gzip");
        }
        else
        {
            content = new ByteArrayContent(payload);
        }

        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
#if NET
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
#else
            cancellationToken.ThrowIfCancellationRequested();
            return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            // The status alone still says why; the dead letter keeps what could be read.
            return "(the error body could not be read: " + exception.GetType().Name + ")";
        }
    }

    private sealed class PassTally
    {
        public int Delivered { get; set; }

        public int Replayed { get; set; }

        public int RetryLater { get; set; }

        public int DeadLettered { get; set; }

        public bool StoppedOffline { get; set; }

        public List<string> Locations { get; } = [];

        public UploadPassResult ToResult() => new(Delivered, Replayed, RetryLater, DeadLettered, StoppedOffline, Locations);
    }
}
