using System.Text;
using Playtrail.Client.Offline;

namespace Playtrail.Client.Tests.Offline;

/// <summary>Records sessions into a store the way the downloaded-mode tracker will: raw event JSON, one call per event.</summary>
internal static class Recording
{
    public static long Begin(DeviceSessionStore store, long ts, string? extraParams = null) =>
        store.BeginSession("sessionStart", ts, 0, Encoding.UTF8.GetBytes(Samples.SessionStart(ts, downloaded: true, extraParams)));

    public static bool Append(DeviceSessionStore store, long session, string eventType, double playhead, long ts) =>
        store.Append(session, eventType, ts, playhead, Encoding.UTF8.GetBytes(Samples.Event(eventType, playhead, ts)));

    /// <summary>sessionStart, play, <paramref name="pings"/> pings 10 s apart, sessionComplete; ended and ready.</summary>
    public static long Complete(DeviceSessionStore store, long ts, int pings = 3)
    {
        var session = Begin(store, ts);
        Append(store, session, "play", 0, ts + 1000);
        for (var i = 1; i <= pings; i++)
        {
            Append(store, session, "ping", i * 10, ts + 1000 + (i * 10_000));
        }

        Append(store, session, "sessionComplete", (pings * 10) + 5, ts + 1000 + (pings * 10_000) + 5000);
        store.EndSession(session);
        return session;
    }

    public static string NewStorePath() => Path.Combine(ServerInstance.NewDirectory(), "device.db");
}
