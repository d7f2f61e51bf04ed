using CsCheck;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Plausible sessions for property tests: a sessionStart, then a random sequence of every event type (pings most
/// often) with increasing ts, some in sub-second bursts, playheads in whole seconds (as SDKs often send them) that
/// move while playing and stay within the length, and sometimes broken orders (an adComplete outside a break, a
/// stateEnd for an unknown state) that the processor must repair.
/// </summary>
internal static class SessionGenerator
{
    private const int MaximumActions = 90;

    private static readonly string[] StateNames = ["fullscreen", "FullScreen", "mute", "closedCaptioning", "pictureInPicture", "inFocus",
        "s1", "s2", "s3", "s4", "s5", "s6", "s7"];

    public static Gen<GeneratedSession> Sessions { get; } = Gen.Select(
        Gen.Int[0, 39].Array[0, MaximumActions],
        Gen.Frequency((3, Gen.Int[1, 999]), (7, Gen.Int[1000, 15_000])).Array[MaximumActions + 2],
        Gen.Int[0, 3],
        Gen.Int[1, 3600],
        Build);

    private static GeneratedSession Build(int[] actions, int[] gaps, int ending, int length)
    {
        var events = new List<string> { SessionStart(T0, length: length) };
        var ts = T0;
        var position = 0.0;
        var playing = false;
        var inBreak = false;
        var podIndex = 0;
        for (var i = 0; i < actions.Length; i++)
        {
            var gap = gaps[i];
            ts += gap;
            if (playing && !inBreak && actions[i] != 1)
            {
                position = Math.Min(length, position + (gap / 1000.0));
            }

            var playhead = Math.Floor(position);

            var seed = gap + i;
            switch (actions[i])
            {
                case 1:
                    events.Add(Simple("ping", playhead, ts));
                    break;
                case 2 or 3 or 4:
                    events.Add(Simple("play", playhead, ts));
                    playing = true;
                    break;
                case 5:
                    events.Add(Simple("pauseStart", playhead, ts));
                    playing = false;
                    break;
                case 6:
                    events.Add(Simple("bufferStart", playhead, ts));
                    playing = false;
                    break;
                case 7:
                    events.Add(BitrateChange(playhead, ts, 100 * (seed % 50)));
                    break;
                case 8:
                    events.Add(Error(playhead, ts, $"e{seed % 3}", seed % 2 == 0 ? "player" : null));
                    break;
                case 9:
                    events.Add(Error(playhead, ts, $"x{seed % 3}", "external", inParams: true));
                    break;
                case 10:
                    events.Add(Error(playhead, ts));
                    break;
                case 11:
                    events.Add(AdBreakStart(playhead, ts, podIndex++, playhead));
                    inBreak = true;
                    break;
                case 12 or 13:
                    events.Add(AdStart(playhead, ts, $"ad{seed % 4}", 15, seed % 3, customMetadata: seed % 2 == 0 ? """{"k": "v"}""" : null));
                    break;
                case 14:
                    events.Add(Simple("adComplete", playhead, ts));
                    break;
                case 15:
                    events.Add(Simple("adSkip", playhead, ts));
                    break;
                case 16:
                    events.Add(Simple("adBreakComplete", playhead, ts));
                    inBreak = false;
                    break;
                case 17:
                    events.Add(ChapterStart(playhead, ts, seed % 5, playhead, 30));
                    break;
                case 18:
                    events.Add(Simple("chapterComplete", playhead, ts));
                    break;
                case 19:
                    events.Add(Simple("chapterSkip", playhead, ts));
                    break;
                case 20 or 21:
                    events.Add(State(seed % 2 == 0 ? "stateStart" : "stateEnd", playhead, ts, StateNames[seed % StateNames.Length]));
                    break;
                case 22:
                    events.Add(StatesUpdate(playhead, ts, [StateNames[seed % StateNames.Length]], [StateNames[(seed + 1) % StateNames.Length]]));
                    break;
                case 23:
                    position = seed % (length + 1);
                    events.Add(Simple("play", position, ts));
                    playing = true;
                    break;
                case 24:
                    events.Add(Simple("ping", playhead, ts, $$"""{"media.qoe.droppedFrames": {{seed % 10}}, "media.qoe.framesPerSecond": 30}"""));
                    break;
                default:
                    events.Add(Simple("ping", playhead, ts));
                    break;
            }
        }

        ts += gaps[^2];
        switch (ending)
        {
            case 0:
                events.Add(Simple("sessionComplete", length, ts));
                break;
            case 1:
                events.Add(Simple("sessionEnd", Math.Floor(position), ts));
                break;
            case 2:
                events.Add(Simple("sessionComplete", length, ts));
                events.Add(Simple("ping", length, ts + gaps[^1]));
                break;
        }

        return new GeneratedSession(events, length);
    }
}
