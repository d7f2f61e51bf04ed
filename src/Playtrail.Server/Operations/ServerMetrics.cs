using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Playtrail.Storage.Sessions;

namespace Playtrail.Server.Operations;

/// <summary>
/// The server's counters, served as Prometheus text at <c>GET /metrics</c>. Plain interlocked counters:
/// they cost a few nanoseconds on the ingestion path and need no exporter package.
/// </summary>
internal sealed class ServerMetrics
{
    private readonly ConcurrentDictionary<(string Route, int Status), long> _requests = new();
    private long _onlineSessions;
    private long _downloadedSessions;
    private long _downloadedRepeats;
    private long _onlineEvents;
    private long _downloadedEvents;
    private long _rejectedPayloads;
    private long _sweptSessions;
    private long _processedSessions;
    private long _shedConcurrency;
    private long _shedUploads;
    private long _shedDelay;
    private long _shedBudget;
    private long _rateLimited;

    /// <summary>Events stored so far, online and downloaded: the work that fills caches and heaps.</summary>
    public long EventsStored => Interlocked.Read(ref _onlineEvents) + Interlocked.Read(ref _downloadedEvents);

    public void Request(string route, int status) => _requests.AddOrUpdate((route, status), 1, static (_, count) => count + 1);

    public void OnlineSessionStarted()
    {
        Interlocked.Increment(ref _onlineSessions);
        Interlocked.Increment(ref _onlineEvents);
    }

    public void OnlineEventAccepted() => Interlocked.Increment(ref _onlineEvents);

    public void DownloadedSessionStored(int events)
    {
        Interlocked.Increment(ref _downloadedSessions);
        Interlocked.Add(ref _downloadedEvents, events);
    }

    public void DownloadedUploadRepeated() => Interlocked.Increment(ref _downloadedRepeats);

    public void PayloadRejected() => Interlocked.Increment(ref _rejectedPayloads);

    public void SessionsSwept(int count) => Interlocked.Add(ref _sweptSessions, count);

    public void SessionProcessed() => Interlocked.Increment(ref _processedSessions);

    /// <summary>Counts a write refused with 503 by admission control: <c>concurrency</c>, <c>uploads</c>, <c>delay</c> or <c>budget</c>.</summary>
    public void WriteShed(string reason)
    {
        switch (reason)
        {
            case "concurrency":
                Interlocked.Increment(ref _shedConcurrency);
                break;
            case "uploads":
                Interlocked.Increment(ref _shedUploads);
                break;
            case "delay":
                Interlocked.Increment(ref _shedDelay);
                break;
            default:
                Interlocked.Increment(ref _shedBudget);
                break;
        }
    }

    /// <summary>Counts a request refused with 429 by the per-client rate limit.</summary>
    public void RateLimited() => Interlocked.Increment(ref _rateLimited);

    /// <summary>Writes every counter in the Prometheus text exposition format.</summary>
    public string ToPrometheusText(IStoreDiagnostics store)
    {
        var text = new StringBuilder();
        Counter(text, "playtrail_http_requests_total", "HTTP requests answered, by route and status code.",
            _requests.OrderBy(entry => entry.Key.Route, StringComparer.Ordinal).ThenBy(entry => entry.Key.Status)
                .Select(entry => ($"route=\"{entry.Key.Route}\",status=\"{entry.Key.Status}\"", entry.Value)));
        Counter(text, "playtrail_sessions_created_total", "Sessions stored, by kind.",
            [("kind=\"online\"", Interlocked.Read(ref _onlineSessions)), ("kind=\"downloaded\"", Interlocked.Read(ref _downloadedSessions))]);
        Counter(text, "playtrail_events_stored_total", "Events stored, by kind of session.",
            [("kind=\"online\"", Interlocked.Read(ref _onlineEvents)), ("kind=\"downloaded\"", Interlocked.Read(ref _downloadedEvents))]);
        Counter(text, "playtrail_downloaded_repeats_total", "Downloaded uploads recognised as repeats and not stored again.",
            [("", Interlocked.Read(ref _downloadedRepeats))]);
        Counter(text, "playtrail_payloads_rejected_total", "Payloads rejected by validation (400).",
            [("", Interlocked.Read(ref _rejectedPayloads))]);
        Counter(text, "playtrail_sessions_timed_out_total", "Online sessions closed by the sweeper.",
            [("", Interlocked.Read(ref _sweptSessions))]);
        Counter(text, "playtrail_sessions_processed_total", "Closed sessions processed into reports and rollups.",
            [("", Interlocked.Read(ref _processedSessions))]);
        Counter(text, "playtrail_writes_shed_total", "Writes answered 503 by admission control, unrun, by reason.",
            [("reason=\"concurrency\"", Interlocked.Read(ref _shedConcurrency)), ("reason=\"uploads\"", Interlocked.Read(ref _shedUploads)),
             ("reason=\"delay\"", Interlocked.Read(ref _shedDelay)), ("reason=\"budget\"", Interlocked.Read(ref _shedBudget))]);
        Counter(text, "playtrail_requests_rate_limited_total", "Requests answered 429 by the per-client rate limit.",
            [("", Interlocked.Read(ref _rateLimited))]);
        Counter(text, "playtrail_store_commits_total", "Write transactions committed by the store (each holds a batch of requests).",
            [("", store.CommittedTransactions)]);
        Metric(text, "playtrail_store_queued_writes", "gauge", "Writes waiting for the store's writer.", [("", store.QueuedWrites)]);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, IEnumerable<(string Labels, long Value)> samples) =>
        Metric(text, name, "counter", help, samples);

    private static void Metric(StringBuilder text, string name, string type, string help, IEnumerable<(string Labels, long Value)> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (labels, value) in samples)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }
}
