namespace Playtrail.Core.Processing;

/// <summary>One distinct player state of a session, by its lower-cased name.</summary>
internal sealed class StateSlot(string name, byte[] utf8Name)
{
    public string Name { get; } = name;

    public byte[] Utf8Name { get; } = utf8Name;

    public bool Active { get; set; }

    public long StartTs { get; set; }

    public int Count { get; set; }

    public long Milliseconds { get; set; }
}
