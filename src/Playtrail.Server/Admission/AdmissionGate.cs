using Microsoft.Extensions.Options;
using Playtrail.Server.Operations;

namespace Playtrail.Server.Admission;

/// <summary>What a write route is, for the concurrency limits.</summary>
internal enum AdmissionKind
{
    /// <summary>A sessionStart or an event: small, many.</summary>
    Event,

    /// <summary>A whole downloaded session: large, few.</summary>
    Upload,
}

/// <summary>
/// Admission control of the write routes: refuses a write at once (503 with <c>Retry-After</c>) when too many are
/// in progress or when the <see cref="ShedController"/> says the store is falling behind, and gives each admitted
/// write a deadline after which the store drops it unrun. A write the store has run is always answered with its
/// true outcome, so a 503 always means "not stored".
/// </summary>
internal sealed class AdmissionGate
{
    /// <summary>Below this many requests in progress nothing is shed for delay (RFC 8033 likewise never drops from a near-empty queue).</summary>
    internal const int MinRequestsToShed = 16;

    private readonly AdmissionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ServerMetrics _metrics;
    private readonly ShedController _controller;
    private int _requests;
    private int _uploads;

    public AdmissionGate(IOptions<AdmissionOptions> options, TimeProvider timeProvider, ServerMetrics metrics)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _controller = new ShedController(_options.TargetDelay, timeProvider.TimestampFrequency, timeProvider.GetTimestamp());
    }

    public TimeSpan RetryAfter => _options.RetryAfter;

    /// <summary>The share of new writes being refused now, for the metrics.</summary>
    public double ShedProbability => _controller.Probability;

    /// <summary>Ingestion requests in progress.</summary>
    public int RequestsInProgress => Volatile.Read(ref _requests);

    /// <summary>
    /// Admits a write or refuses it; an admitted one must be released with <see cref="Leave"/>. Refusals are
    /// counted by reason in the metrics.
    /// </summary>
    public bool TryEnter(AdmissionKind kind)
    {
        if (!_options.Enabled)
        {
            return true;
        }

        var inProgress = Interlocked.Increment(ref _requests);
        if (inProgress > _options.MaxConcurrentRequests)
        {
            Interlocked.Decrement(ref _requests);
            _metrics.WriteShed(ShedReason.Concurrency);
            return false;
        }

        if (kind == AdmissionKind.Upload && Interlocked.Increment(ref _uploads) > _options.MaxConcurrentUploads)
        {
            Interlocked.Decrement(ref _uploads);
            Interlocked.Decrement(ref _requests);
            _metrics.WriteShed(ShedReason.Uploads);
            return false;
        }

        // A few requests in progress cannot make a queue worth shedding: a slow write then is latency (a cold start, a
        // long upload, a busy disk), and refusing would only turn it into errors.
        if (inProgress > MinRequestsToShed
            && _controller.ShouldShed(_timeProvider.GetTimestamp(), Random.Shared.NextDouble()))
        {
            Leave(kind);
            _metrics.WriteShed(ShedReason.Delay);
            return false;
        }

        return true;
    }

    /// <summary>Releases what <see cref="TryEnter"/> took.</summary>
    public void Leave(AdmissionKind kind)
    {
        if (!_options.Enabled)
        {
            return;
        }

        if (kind == AdmissionKind.Upload)
        {
            Interlocked.Decrement(ref _uploads);
        }

        Interlocked.Decrement(ref _requests);
    }

    /// <summary>
    /// A token the store observes before running the write: it fires after the latency budget (or when the client
    /// goes). Dispose it after the store call.
    /// </summary>
    public StoreDeadline Deadline(CancellationToken requestAborted)
    {
        if (!_options.Enabled)
        {
            return new StoreDeadline(null, _timeProvider.GetTimestamp(), requestAborted);
        }

        var source = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        source.CancelAfter(_options.LatencyBudget);
        return new StoreDeadline(source, _timeProvider.GetTimestamp(), source.Token);
    }

    /// <summary>Feeds the controller with how long a write took from queueing to its answer.</summary>
    public void Observe(in StoreDeadline deadline)
    {
        if (_options.Enabled)
        {
            var now = _timeProvider.GetTimestamp();
            _controller.Observe(_timeProvider.GetElapsedTime(deadline.Started, now), now);
        }
    }
}

/// <summary>An admitted write's cancellation: the latency budget or the client leaving, whichever comes first.</summary>
internal readonly struct StoreDeadline(CancellationTokenSource? source, long started, CancellationToken token) : IDisposable
{
    public CancellationToken Token { get; } = token;

    /// <summary>When the write was handed to the store (a <see cref="TimeProvider"/> timestamp).</summary>
    public long Started { get; } = started;

    public void Dispose() => source?.Dispose();
}
