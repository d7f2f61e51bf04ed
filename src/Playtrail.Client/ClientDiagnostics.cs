namespace Playtrail.Client;

/// <summary>
/// Counters describing what the SDK did, for a debug screen or the host app's own telemetry. Thread-safe; values
/// only grow. Read them whenever you like: they are a snapshot, not a consistent transaction.
/// </summary>
public sealed class ClientDiagnostics
{
#if NET
    private static readonly DropReason[] Reasons = Enum.GetValues<DropReason>();
#else
    private static readonly DropReason[] Reasons = (DropReason[])Enum.GetValues(typeof(DropReason));
#endif
    private readonly long[] _dropped = new long[Reasons.Length];
    private long _emitted;
    private long _sent;
    private long _retried;
    private long _sessionsStarted;
    private long _sessionsResumed;
    private long _truncated;
    private string? _lastError;

    /// <summary>Events the trackers produced (pings included).</summary>
    public long EventsEmitted => Interlocked.Read(ref _emitted);

    /// <summary>Events the server accepted (online mode; the session start included).</summary>
    public long EventsSent => Interlocked.Read(ref _sent);

    /// <summary>Requests repeated after a transient failure.</summary>
    public long EventsRetried => Interlocked.Read(ref _retried);

    /// <summary>Sessions the server created for online trackers, resumed ones included.</summary>
    public long SessionsStarted => Interlocked.Read(ref _sessionsStarted);

    /// <summary>Sessions started with <c>media.resume</c> after an idle period or a closed session (410/404).</summary>
    public long SessionsResumed => Interlocked.Read(ref _sessionsResumed);

    /// <summary>
    /// String values (media name, custom metadata values, ad and chapter names, ...) cut to
    /// <see cref="PlaytrailClientOptions.MaxStringLength"/> before they were sent or stored, one per value per event.
    /// </summary>
    public long StringsTruncated => Interlocked.Read(ref _truncated);

    /// <summary>Events given up on, all reasons together.</summary>
    public long EventsDropped
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _dropped.Length; i++)
            {
                total += Interlocked.Read(ref _dropped[i]);
            }

            return total;
        }
    }

    /// <summary>Events given up on, by reason (every reason present, zero when none).</summary>
    public IReadOnlyDictionary<DropReason, long> DroppedByReason
    {
        get
        {
            var snapshot = new Dictionary<DropReason, long>(Reasons.Length);
            foreach (var reason in Reasons)
            {
                snapshot[reason] = Interlocked.Read(ref _dropped[(int)reason]);
            }

            return snapshot;
        }
    }

    /// <summary>The last problem the SDK met, in words (no payloads, no viewer identifiers), or null.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    internal void Emitted() => Interlocked.Increment(ref _emitted);

    internal void Sent() => Interlocked.Increment(ref _sent);

    internal void Retried() => Interlocked.Increment(ref _retried);

    internal void SessionStarted(bool resumed)
    {
        Interlocked.Increment(ref _sessionsStarted);
        if (resumed)
        {
            Interlocked.Increment(ref _sessionsResumed);
        }
    }

    internal void Truncated(int count) => Interlocked.Add(ref _truncated, count);

    internal void Dropped(DropReason reason, long count = 1) => Interlocked.Add(ref _dropped[(int)reason], count);

    internal void Error(string message) => Volatile.Write(ref _lastError, message);
}
