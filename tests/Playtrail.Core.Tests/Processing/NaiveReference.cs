using Playtrail.Core.Events;
using Playtrail.Core.Processing;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// A deliberately naive computation of main-content play and stall time, to check the processor against: for every
/// interval it replays the whole session from the start to find the state, and for every interval it searches both
/// ways for the run of unmoving playheads around it. Quadratic, written for obviousness; events in array order with
/// increasing ts.
/// </summary>
internal static class NaiveReference
{
    private enum State
    {
        Starting,
        Playing,
        Paused,
        Buffering,
    }

    public static (long PlayMilliseconds, long StallMilliseconds) MainContent(IReadOnlyList<SessionEvent> events)
    {
        var count = events.Count;
        var mainPlay = new bool[count];
        var moving = new bool[count];
        for (var k = 1; k < count; k++)
        {
            var (state, inBreak, closed) = Replay(events, k - 1);
            if (closed)
            {
                break;
            }

            mainPlay[k] = state == State.Playing && !inBreak;
            moving[k] = events[k].Playhead != events[k - 1].Playhead;
        }

        long play = 0, stall = 0;
        for (var k = 1; k < count; k++)
        {
            if (!mainPlay[k])
            {
                continue;
            }

            var duration = events[k].Ts - events[k - 1].Ts;
            if (!moving[k] && IsStall(events, mainPlay, moving, k))
            {
                stall += duration;
            }
            else
            {
                play += duration;
            }
        }

        return (play, stall);
    }

    /// <summary>The state after events 0..<paramref name="last"/>, replayed from scratch.</summary>
    private static (State State, bool InBreak, bool Closed) Replay(IReadOnlyList<SessionEvent> events, int last)
    {
        var state = State.Starting;
        var inBreak = false;
        var contentStarted = false;
        for (var j = 0; j <= last; j++)
        {
            switch (events[j].Type)
            {
                case EventType.Play:
                    state = State.Playing;
                    contentStarted |= !inBreak;
                    break;
                case EventType.PauseStart:
                    state = State.Paused;
                    break;
                case EventType.BufferStart:
                    state = State.Buffering;
                    break;
                case EventType.AdStart when inBreak:
                    state = State.Playing;
                    break;
                case EventType.AdBreakStart:
                    state = inBreak && !contentStarted ? State.Starting : state;
                    inBreak = true;
                    break;
                case EventType.AdBreakComplete when inBreak:
                    inBreak = false;
                    state = contentStarted ? state : State.Starting;
                    break;
                case EventType.SessionComplete or EventType.SessionEnd:
                    return (state, inBreak, true);
            }
        }

        return (state, inBreak, false);
    }

    /// <summary>Whether interval <paramref name="k"/> lies in a run of at least two unmoving main-play intervals lasting 1 s or more.</summary>
    private static bool IsStall(IReadOnlyList<SessionEvent> events, bool[] mainPlay, bool[] moving, int k)
    {
        var first = k;
        while (first > 1 && mainPlay[first - 1] && !moving[first - 1])
        {
            first--;
        }

        var last = k;
        while (last + 1 < events.Count && mainPlay[last + 1] && !moving[last + 1])
        {
            last++;
        }

        var span = events[last].Ts - events[first - 1].Ts;
        return last - first + 1 >= 2 && span >= 1000;
    }
}
