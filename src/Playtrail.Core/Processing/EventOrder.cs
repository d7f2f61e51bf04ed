using Playtrail.Core.Events;

namespace Playtrail.Core.Processing;

/// <summary>
/// The order events are processed in (docs/decisions/0009-one-processor-event-order.md): a downloaded array in array
/// order; an online session by <c>ts</c>, arrival order breaking ties, with its first <c>sessionStart</c> first
/// whatever its <c>ts</c>, as the real backend passes <c>sessionStart</c> through without buffering
/// (docs/reference/media-collection-api.md#reordering). The index buffer is reused between sessions.
/// </summary>
internal sealed class EventOrder
{
    private int[] _indices = [];

    public ReadOnlySpan<int> Arrange(IReadOnlyList<SessionEvent> events, bool downloaded)
    {
        var count = events.Count;
        if (_indices.Length < count)
        {
            _indices = new int[Math.Max(count, _indices.Length * 2)];
        }

        var order = _indices.AsSpan(0, count);
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        if (downloaded)
        {
            return order;
        }

        var rest = order;
        var start = FirstSessionStart(events);
        if (start >= 0)
        {
            order[..start].CopyTo(order[1..]);
            order[0] = start;
            rest = order[1..];
        }

        var byTimestamp = new ByTimestamp(events);
        if (!IsSorted(rest, byTimestamp))
        {
            rest.Sort(byTimestamp);
        }

        return order;
    }

    private static int FirstSessionStart(IReadOnlyList<SessionEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Type == EventType.SessionStart)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsSorted(ReadOnlySpan<int> order, ByTimestamp comparer)
    {
        for (var i = 1; i < order.Length; i++)
        {
            if (comparer.Compare(order[i - 1], order[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Orders event indices by <c>ts</c>, then by index (arrival), so the order is total and the sort stable in effect.</summary>
    private readonly struct ByTimestamp(IReadOnlyList<SessionEvent> events) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var byTs = events[x].Ts.CompareTo(events[y].Ts);
            return byTs != 0 ? byTs : x.CompareTo(y);
        }
    }
}
