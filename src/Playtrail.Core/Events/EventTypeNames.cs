namespace Playtrail.Core.Events;

/// <summary>Maps event types to and from their wire names.</summary>
public static class EventTypeNames
{
    private static readonly string[] Names =
    [
        "sessionStart", "sessionEnd", "sessionComplete", "play", "ping", "pauseStart", "bufferStart",
        "bitrateChange", "error", "adBreakStart", "adBreakComplete", "adStart", "adComplete", "adSkip",
        "chapterStart", "chapterComplete", "chapterSkip", "stateStart", "stateEnd", "statesUpdate",
    ];

    private static readonly byte[][] Utf8Names = Array.ConvertAll(Names, System.Text.Encoding.UTF8.GetBytes);

    /// <summary>Every event type, in declaration order.</summary>
    public static IReadOnlyList<EventType> All { get; } = Enum.GetValues<EventType>();

    /// <summary>The wire name of <paramref name="type"/>, e.g. <c>sessionStart</c>.</summary>
    public static string ToWireName(this EventType type) => Names[(int)type];

    /// <summary>Finds the event type whose wire name is exactly <paramref name="name"/> (case-sensitive).</summary>
    public static bool TryParse(string name, out EventType type)
    {
        var index = Array.IndexOf(Names, name);
        type = index < 0 ? default : (EventType)index;
        return index >= 0;
    }

    /// <summary>Finds the event type whose UTF-8 wire name is exactly <paramref name="utf8Name"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8Name, out EventType type)
    {
        for (var i = 0; i < Utf8Names.Length; i++)
        {
            if (utf8Name.SequenceEqual(Utf8Names[i]))
            {
                type = (EventType)i;
                return true;
            }
        }

        type = default;
        return false;
    }
}
