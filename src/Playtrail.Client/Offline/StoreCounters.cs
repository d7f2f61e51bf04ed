using Microsoft.Data.Sqlite;

namespace Playtrail.Client.Offline;

/// <summary>
/// The device store's counters: drops by reason (whole sessions and events), deliveries and replays. Each is a row of
/// <c>store_state</c>, written in the same transaction as the change it counts, so counts survive restarts and never
/// run ahead of the data. Drops the database itself refused are kept in memory until restart and shown with the rest.
/// Not thread-safe: the store calls it under its lock.
/// </summary>
internal sealed class StoreCounters
{
    public const string Delivered = "delivered";
    public const string Replayed = "replayed";

    private readonly Dictionary<string, long> _unsaved = [];

    /// <summary>Counts a drop in <paramref name="transaction"/> (null: the transaction the store began by hand).</summary>
    public static void AddDrop(StoreCommands commands, SqliteTransaction? transaction, StoreDropReason reason, long sessions, long events)
    {
        commands.AddCounter(transaction, Name(reason, sessions: true), sessions);
        commands.AddCounter(transaction, Name(reason, sessions: false), events);
    }

    /// <summary>Counts a drop the database could not record (it failed, or the store is unavailable).</summary>
    public void AddUnsaved(StoreDropReason reason, long sessions, long events)
    {
        Add(_unsaved, Name(reason, sessions: true), sessions);
        Add(_unsaved, Name(reason, sessions: false), events);
    }

    /// <summary>A copy of the in-memory counts, for the stored ones to be added to.</summary>
    public Dictionary<string, long> Unsaved() => new(_unsaved);

    public static void Add(Dictionary<string, long> counters, string name, long delta)
    {
        counters.TryGetValue(name, out var value);
        counters[name] = value + delta;
    }

    /// <summary>The drops among <paramref name="counters"/>, by reason; reasons with nothing dropped are left out.</summary>
    public static Dictionary<StoreDropReason, DropCount> Drops(Dictionary<string, long> counters)
    {
        var drops = new Dictionary<StoreDropReason, DropCount>();
#if NET
        foreach (var reason in Enum.GetValues<StoreDropReason>())
#else
        foreach (StoreDropReason reason in Enum.GetValues(typeof(StoreDropReason)))
#endif
        {
            counters.TryGetValue(Name(reason, sessions: true), out var sessions);
            counters.TryGetValue(Name(reason, sessions: false), out var events);
            if (sessions != 0 || events != 0)
            {
                drops[reason] = new DropCount(sessions, events);
            }
        }

        return drops;
    }

    private static string Name(StoreDropReason reason, bool sessions) =>
        (sessions ? "drop_sessions:" : "drop_events:") + reason.ToString();
}
