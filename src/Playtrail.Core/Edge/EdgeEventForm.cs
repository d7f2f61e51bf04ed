namespace Playtrail.Core.Edge;

/// <summary>Where an XDM media event sits, which decides the names of its type and time fields.</summary>
public enum EdgeEventForm
{
    /// <summary>An event of its own (<c>events[n].xdm</c>): <c>eventType</c> and <c>timestamp</c>.</summary>
    Online,
    /// <summary>An element of <c>mediaDownloadedEvents[]</c>: <c>mediaEventType</c> and <c>mediaEventTimestamp</c>.</summary>
    Downloaded,
}
