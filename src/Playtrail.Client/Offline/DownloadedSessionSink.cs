using Microsoft.Extensions.Logging;
using Playtrail.Client.Tracking;

namespace Playtrail.Client.Offline;

/// <summary>
/// Takes one downloaded session's events from the tracker and commits each to the device store before the tracker
/// call returns. Disposed when the session is over: the session becomes ready and the uploader is woken. A session
/// never closed (the app killed mid-playback) is closed by <see cref="DeviceSessionStore.RecoverInterrupted"/> at
/// the next start.
/// </summary>
internal sealed class DownloadedSessionSink(DeviceSessionStore store, SessionUploader uploader, ILogger logger) : ISessionSink
{
    private long _sessionId;
    private bool _ended;

    public void Write(TrackedEvent trackedEvent)
    {
        if (_ended)
        {
            return;
        }

        if (_sessionId == 0 && trackedEvent.EventType == "sessionStart")
        {
            _sessionId = store.BeginSession(trackedEvent.EventType, trackedEvent.Ts, trackedEvent.Playhead, trackedEvent.Json);
            if (_sessionId == 0)
            {
                // The store refused or failed (counted in its diagnostics); later events of this session are dropped there too.
                Log.DownloadedSessionNotStored(logger);
            }

            return;
        }

        store.Append(_sessionId, trackedEvent.EventType, trackedEvent.Ts, trackedEvent.Playhead, trackedEvent.Json);
    }

    public void Dispose()
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        if (_sessionId != 0 && store.EndSession(_sessionId))
        {
            uploader.Wake();
        }
    }
}
