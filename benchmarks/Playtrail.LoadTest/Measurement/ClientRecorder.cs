using System.Diagnostics;
using System.Globalization;

namespace Playtrail.LoadTest.Measurement;

/// <summary>What one client saw: a latency per request, the status of each, the bytes and events it sent.</summary>
internal sealed class ClientRecorder
{
    private readonly List<long> _latencies = new(16_384);
    private readonly List<long> _accepted = new(16_384);
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);

    public IReadOnlyList<long> Latencies => _latencies;

    /// <summary>The latencies of the requests answered with the status asked for (the server took them).</summary>
    public IReadOnlyList<long> AcceptedLatencies => _accepted;

    public IReadOnlyDictionary<string, long> Outcomes => _outcomes;

    public long Failures { get; private set; }

    public long BytesSent { get; private set; }

    public long EventsAccepted { get; private set; }

    /// <summary>Records a request that got an HTTP answer.</summary>
    public void Record(long startTimestamp, int status, int expectedStatus, int bodyBytes, int events)
    {
        var latency = Stopwatch.GetTimestamp() - startTimestamp;
        _latencies.Add(latency);
        Count(status.ToString(CultureInfo.InvariantCulture));
        BytesSent += bodyBytes;
        if (status == expectedStatus)
        {
            _accepted.Add(latency);
            EventsAccepted += events;
        }
        else
        {
            Failures++;
        }
    }

    /// <summary>Records an answer that looked like success but was not what the harness asked for, such as a replay.</summary>
    public void RecordUnexpected(long startTimestamp, string outcome, int bodyBytes)
    {
        _latencies.Add(Stopwatch.GetTimestamp() - startTimestamp);
        Count(outcome);
        BytesSent += bodyBytes;
        Failures++;
    }

    /// <summary>Records a request that got no HTTP answer (refused, reset, timed out).</summary>
    public void RecordError(long startTimestamp, Exception exception)
    {
        _latencies.Add(Stopwatch.GetTimestamp() - startTimestamp);
        Count("error: " + exception.GetType().Name);
        Failures++;
    }

    private void Count(string outcome) => _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
}
