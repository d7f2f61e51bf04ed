namespace Playtrail.Client.Tracking;

/// <summary>
/// Event timestamps from the injected clock, forced strictly increasing: the API sorts by <c>ts</c> and needs
/// consecutive events at least 1 ms apart, and a wall clock can stand still or step back.
/// </summary>
internal sealed class EventClock(TimeProvider timeProvider)
{
    private long _last = long.MinValue;

    /// <summary>The next timestamp (epoch ms). Not thread-safe: called under the tracker's lock.</summary>
    public long Next()
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        _last = now > _last ? now : _last + 1;
        return _last;
    }
}
