using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Ingestion;

/// <summary>
/// Counts downloaded uploads by outcome in memory (accepted, repeated, refused and why), per hour of arrival, until
/// <see cref="Reporting.UploadCountFlusher"/> adds them to the store. A refused upload stores nothing, so counting it
/// must cost nothing on the store: a flood of bad uploads is one small write every few seconds, per node.
/// </summary>
internal sealed class UploadCounter(TimeProvider timeProvider)
{
    /// <summary>The most distinct (hour, outcome, reason) entries held between flushes; reasons come from a fixed set, so this is never reached in practice.</summary>
    public const int MaxEntries = 10_000;

    private readonly Lock _lock = new();
    private Dictionary<(long Hour, string Outcome, string Reason), long> _counts = [];

    /// <summary>Counts one upload.</summary>
    public void Record(string outcome, string reason = "")
    {
        var hour = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() / 3_600_000;
        lock (_lock)
        {
            var key = (hour, outcome, reason);
            if (_counts.Count < MaxEntries || _counts.ContainsKey(key))
            {
                _counts[key] = _counts.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>Takes every count recorded since the last call.</summary>
    public IReadOnlyList<UploadCount> Drain()
    {
        Dictionary<(long Hour, string Outcome, string Reason), long> taken;
        lock (_lock)
        {
            if (_counts.Count == 0)
            {
                return [];
            }

            taken = _counts;
            _counts = [];
        }

        return [.. taken.Select(entry => new UploadCount(entry.Key.Hour, entry.Key.Outcome, entry.Key.Reason, entry.Value))];
    }

    /// <summary>Puts counts back after a failed flush, so the next flush carries them.</summary>
    public void Restore(IReadOnlyList<UploadCount> counts)
    {
        lock (_lock)
        {
            foreach (var count in counts)
            {
                var key = (count.Hour, count.Outcome, count.Reason);
                _counts[key] = _counts.GetValueOrDefault(key) + count.Count;
            }
        }
    }
}
