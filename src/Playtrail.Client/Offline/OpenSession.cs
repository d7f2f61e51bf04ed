namespace Playtrail.Client.Offline;

/// <summary>What the store keeps in memory about a session being recorded, so an append needs no read.</summary>
internal sealed class OpenSession(long id, long lastSeq, long eventCount, long bytes, long lastTs, double lastPlayhead)
{
    public long Id { get; } = id;

    public long LastSeq { get; set; } = lastSeq;

    public long EventCount { get; set; } = eventCount;

    public long Bytes { get; set; } = bytes;

    public long LastTs { get; set; } = lastTs;

    public double LastPlayhead { get; set; } = lastPlayhead;
}
