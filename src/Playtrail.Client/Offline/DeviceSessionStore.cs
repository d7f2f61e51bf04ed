using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Playtrail.Client.Offline;

/// <summary>
/// The on-device store of downloaded sessions: every event is committed to SQLite before the call returns, so a
/// kill of the app never loses an event the tracker was told was stored. Thread-safe (one connection under a lock)
/// and never throws into the host app: failures are logged, counted in <see cref="GetDiagnostics"/> and reported as
/// a false or zero return.
/// </summary>
public sealed partial class DeviceSessionStore : IDisposable
{
    private const string SessionEnd = "sessionEnd";
    private const string SessionComplete = "sessionComplete";

    // Guards the one connection (SQLite connections are not thread-safe), the prepared commands, and the in-memory
    // totals (_open, _bytes, _sessionCount, the unsaved counters, the last error), which must change together with
    // the rows they mirror. Operations take it through Guarded; only opening and Dispose take it directly.
    private readonly object _gate = new();
    private readonly DeviceStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<long, OpenSession> _open = [];
    private SqliteConnection? _connection;
    private StoreCommands? _commands;
    private long _bytes;
    private int _sessionCount;

    private DeviceSessionStore(DeviceStoreOptions options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Opens (creating if needed) the store at <see cref="DeviceStoreOptions.Path"/> and evicts sessions past
    /// <see cref="DeviceStoreOptions.MaxAge"/>. If the file cannot be opened the store still returns, unavailable:
    /// every call becomes a counted no-op and <see cref="DeviceStoreDiagnostics.LastError"/> says why.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (bad configuration fails loudly, once, at start-up).</exception>
    public static DeviceSessionStore Open(DeviceStoreOptions options, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        _ = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        var copy = new DeviceStoreOptions
        {
            Path = options.Path,
            MaxSessions = options.MaxSessions,
            MaxEventsPerSession = options.MaxEventsPerSession,
            MaxBytes = options.MaxBytes,
            MaxAge = options.MaxAge,
            Durability = options.Durability,
        };
        var store = new DeviceSessionStore(copy, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance);
        store.Initialise();
        return store;
    }

    /// <summary>
    /// Stores a session's first event (a <c>sessionStart</c> with <c>media.downloaded: true</c>) and returns the
    /// session's local id, committed before this returns. Makes room first by evicting the oldest whole sessions
    /// when the store is at <see cref="DeviceStoreOptions.MaxSessions"/> or <see cref="DeviceStoreOptions.MaxBytes"/>.
    /// </summary>
    /// <returns>The local id (1 or more), or 0 when nothing could be stored (see diagnostics).</returns>
    internal long BeginSession(string eventType, long ts, double playhead, ReadOnlySpan<byte> sessionStartJson)
    {
        var body = sessionStartJson.ToArray();
        return Guarded(
            nameof(BeginSession),
            () =>
            {
                var now = NowMs();
                using var transaction = _connection!.BeginTransaction();
                EvictExpiredLocked(transaction, now);
                while (_sessionCount >= _options.MaxSessions && EvictOldestLocked(transaction, exceptId: 0, StoreDropReason.SessionLimit))
                {
                }

                if (!MakeRoomLocked(transaction, body.Length, exceptId: 0))
                {
                    StoreCounters.AddDrop(_commands!, transaction, StoreDropReason.ByteLimit, sessions: 1, events: 1);
                    transaction.Commit();
                    return 0L;
                }

                var id = _commands!.InsertSession(transaction, Guid.NewGuid().ToString("D"), now, body.Length, ts, playhead);
                _commands.InsertEvent(transaction, id, 1, ts, playhead, eventType ?? "sessionStart", body);
                transaction.Commit();
                _open[id] = new OpenSession(id, lastSeq: 1, eventCount: 1, body.Length, ts, playhead);
                _sessionCount++;
                _bytes += body.Length;
                return id;
            },
            otherwise: () =>
            {
                _counters.AddUnsaved(StoreDropReason.StoreError, sessions: 1, events: 1);
                return 0L;
            });
    }

    /// <summary>
    /// Appends one event to an open session, committed before this returns. Past
    /// <see cref="DeviceStoreOptions.MaxEventsPerSession"/> only closing events (<c>sessionEnd</c>,
    /// <c>sessionComplete</c>) are kept.
    /// </summary>
    /// <returns>True when stored; false when dropped, with the drop counted by reason.</returns>
    internal bool Append(long sessionId, string eventType, long ts, double playhead, ReadOnlySpan<byte> eventJson)
    {
        var closing = eventType is SessionEnd or SessionComplete;
        var body = eventJson.ToArray();
        return Guarded(
            nameof(Append),
            () =>
            {
                if (!_open.TryGetValue(sessionId, out var session) && (session = LoadOpenLocked(sessionId)) is null)
                {
                    AddCounterLocked(StoreDropReason.UnknownSession, sessions: 0, events: 1);
                    return false;
                }

                if (session.EventCount >= _options.MaxEventsPerSession && !closing)
                {
                    AddCounterLocked(StoreDropReason.EventLimit, sessions: 0, events: 1);
                    return false;
                }

                var seq = session.LastSeq + 1;
                _commands!.Begin();
                try
                {
                    if (!MakeRoomLocked(null, body.Length, session.Id))
                    {
                        StoreCounters.AddDrop(_commands, null, StoreDropReason.ByteLimit, sessions: 0, events: 1);
                        _commands.Commit();
                        return false;
                    }

                    _commands.InsertEvent(null, session.Id, seq, ts, playhead, eventType, body);
                    _commands.UpdateAfterAppend(null, session.Id, seq, body.Length, ts, playhead);
                    _commands.Commit();
                }
                catch (Exception exception) when (IsStoreFailure(exception))
                {
                    RollbackLocked();
                    throw;
                }

                session.LastSeq = seq;
                session.EventCount++;
                session.Bytes += body.Length;
                session.LastTs = ts;
                session.LastPlayhead = playhead;
                _bytes += body.Length;
                return true;
            },
            otherwise: () =>
            {
                _counters.AddUnsaved(StoreDropReason.StoreError, sessions: 0, events: 1);
                return false;
            });
    }

    /// <summary>Marks a session complete: it is queued for upload (call <see cref="SessionUploader.Wake"/> after).</summary>
    /// <returns>True when the session was open here and is now ready.</returns>
    internal bool EndSession(long sessionId) =>
        Guarded(
            nameof(EndSession),
            () =>
            {
                _open.Remove(sessionId);
                using var command = Command(
                    null,
                    StoreSql.EndSession, ("$now", NowMs()), ("$id", sessionId));
                return command.ExecuteNonQuery() == 1;
            },
            otherwise: () => false);

    /// <summary>Closes the database. Later calls are counted no-ops.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _commands?.Dispose();
            _commands = null;
            _connection?.Dispose();
            _connection = null;
            _open.Clear();
        }
    }
}
