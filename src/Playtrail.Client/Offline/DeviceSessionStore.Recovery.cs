using System.Globalization;
using System.Text;

namespace Playtrail.Client.Offline;

/// <summary>Start-up recovery and diagnostics.</summary>
public sealed partial class DeviceSessionStore
{
    private const int StateCount = (int)SessionState.Dead + 1;

    /// <summary>
    /// Call once at start-up, before recording: sessions left open by a crash or kill are closed at their last stored
    /// event with a synthesised <c>sessionEnd</c> (its <c>ts</c> 1 ms after the last event's, same playhead), as
    /// Adobe's SDKs do, and queued for upload. Sessions this store instance is recording are left alone.
    /// </summary>
    /// <returns>How many sessions were recovered.</returns>
    public int RecoverInterrupted() =>
        Guarded(
            nameof(RecoverInterrupted),
            () =>
            {
                var orphans = new List<(long Id, long LastSeq, long LastTs, double LastPlayhead, string? LastType)>();
                using (var command = Command(
                    null,
                    StoreSql.SelectOrphans))
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        orphans.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
                    }
                }

                var recovered = 0;
                var now = NowMs();
                foreach (var orphan in orphans.Where(orphan => !_open.ContainsKey(orphan.Id)))
                {
                    using var transaction = _connection!.BeginTransaction();
                    if (orphan.LastType is not (SessionEnd or SessionComplete))
                    {
                        // The closing event is exempt from the bounds: a session must never be left without an end.
                        var ts = orphan.LastTs + 1;
                        var body = SynthesisedSessionEnd(ts, orphan.LastPlayhead);
                        _commands!.InsertEvent(transaction, orphan.Id, orphan.LastSeq + 1, ts, orphan.LastPlayhead, SessionEnd, body);
                        _commands.UpdateAfterAppend(transaction, orphan.Id, orphan.LastSeq + 1, body.Length, ts, orphan.LastPlayhead);
                        _bytes += body.Length;
                    }

                    using (var command = Command(transaction, StoreSql.CloseRecovered, ("$now", now), ("$id", orphan.Id)))
                    {
                        command.ExecuteNonQuery();
                    }

                    transaction.Commit();
                    recovered++;
                }

                if (recovered > 0)
                {
                    Log.SessionsRecovered(_logger, recovered);
                }

                return recovered;
            },
            otherwise: () => 0);

    /// <summary>A snapshot of queue depth, open sessions, dead letters, bytes, oldest pending age, last error and drops by reason.</summary>
    public DeviceStoreDiagnostics GetDiagnostics()
    {
        // Counters this process could not write join the stored ones; when the store is unusable they are all there is.
        Dictionary<string, long>? counters = null;
        return Guarded(
            nameof(GetDiagnostics),
            () =>
            {
                counters = _counters.Unsaved();
                var byState = new int[StateCount];
                long? oldestPending = null;
                using (var command = Command(null, StoreSql.CountByState))
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        var state = reader.GetInt32(0);
                        if (state is >= 0 and < StateCount)
                        {
                            byState[state] = reader.GetInt32(1);
                        }

                        if (state == (int)SessionState.Ready)
                        {
                            oldestPending = reader.GetInt64(2);
                        }
                    }
                }

                using (var command = Command(null, StoreSql.SelectStoreState))
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        var name = reader.GetString(0);
                        if (name == LastErrorName && _lastError is null)
                        {
                            _lastError = reader.IsDBNull(2) ? null : reader.GetString(2);
                            _lastErrorAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
                        }

                        StoreCounters.Add(counters, name, reader.GetInt64(1));
                    }
                }

                var now = _time.GetUtcNow();
                return new DeviceStoreDiagnostics
                {
                    IsAvailable = true,
                    OpenSessions = byState[(int)SessionState.Open],
                    ReadySessions = byState[(int)SessionState.Ready],
                    DeadLetters = byState[(int)SessionState.Dead],
                    Bytes = _bytes,
                    OldestPendingAge = oldestPending is { } created ? now - DateTimeOffset.FromUnixTimeMilliseconds(created) : null,
                    DeliveredSessions = counters.TryGetValue(StoreCounters.Delivered, out var delivered) ? delivered : 0,
                    ReplayedSessions = counters.TryGetValue(StoreCounters.Replayed, out var replayed) ? replayed : 0,
                    LastError = _lastError,
                    LastErrorAt = _lastErrorAt,
                    Drops = StoreCounters.Drops(counters),
                };
            },
            otherwise: () => new DeviceStoreDiagnostics
            {
                IsAvailable = false,
                LastError = _lastError,
                LastErrorAt = _lastErrorAt,
                Drops = StoreCounters.Drops(counters ?? _counters.Unsaved()),
            });
    }

    internal static byte[] SynthesisedSessionEnd(long ts, double playhead)
    {
        var safePlayhead = double.IsNaN(playhead) || double.IsInfinity(playhead) ? 0 : playhead;
        return Encoding.UTF8.GetBytes(
            "{\"eventType\":\"sessionEnd\",\"playerTime\":{\"playhead\":" + safePlayhead.ToString("R", CultureInfo.InvariantCulture)
            + ",\"ts\":" + ts.ToString(CultureInfo.InvariantCulture) + "}}");
    }
}
