using Playtrail.Core.Processing;
using static Playtrail.Core.Tests.Processing.CallAssert;
using static Playtrail.Core.Tests.Processing.TestEvents;

namespace Playtrail.Core.Tests.Processing;

/// <summary>
/// Player states (docs/reference/media-collection-api.md#player-states,
/// docs/reference/media-collection-api.md#state-metrics; docs/decisions/0014-ads-chapters-states.md).
/// </summary>
public sealed class StateTests
{
    [Fact]
    public void StateEnd_ForAStateNeverStarted_IsIgnored()
    {
        var report = SessionEvents.Online(SessionCloseKind.End,
            SessionStart(T0),
            Simple("play", 0, T0 + 1000),
            State("stateEnd", 1, T0 + 2000, "mute"));

        Assert.Equal([new(2, IgnoreReasons.StateNotStarted)], report.IgnoredEvents);
        Assert.Empty(report.States);
    }

    [Fact]
    public void EleventhState_IsIgnored_AndTheFirstTenAreKept()
    {
        var events = new List<string> { SessionStart(T0) };
        events.AddRange(Enumerable.Range(0, 11).Select(i => State("stateStart", 0, T0 + 1000 + i, $"custom{i}")));
        events.Add(State("stateEnd", 0, T0 + 2000, "custom10"));

        var report = SessionEvents.Online(SessionCloseKind.End, [.. events]);

        Assert.Equal([new(11, IgnoreReasons.StateLimit), new(12, IgnoreReasons.StateNotStarted)], report.IgnoredEvents);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"custom{i}"), report.States.Select(state => state.Name));
    }

    [Fact]
    public void StateNames_AreCaseInsensitive_LowerCased_AndTimedToTheClose()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            State("stateStart", 0, T0 + 1000, "fullScreen"),
            State("stateEnd", 0, T0 + 4000, "FULLSCREEN"),
            State("stateStart", 0, T0 + 6000, "fullscreen"),
            State("stateStart", 0, T0 + 6001, "FullScreen"),
            Simple("sessionEnd", 0, T0 + 10_000));

        Assert.Equal([new(4, IgnoreReasons.StateAlreadyStarted)], report.IgnoredEvents);

        // 1 s to 4 s = 3 s, then 6 s to the close at 10 s = 4 s: 7 s over 2 entries.
        Assert.Equal([new StateMetrics("fullscreen", true, 2, 7)], report.States);
        var close = Data(report.Calls[^1]);
        Assert.Equal(B(true), close["a.media.states.fullscreen.set"]);
        Assert.Equal(N(2), close["a.media.states.fullscreen.count"]);
        Assert.Equal(N(7), close["a.media.states.fullscreen.time"]);
    }

    [Fact]
    public void StatesUpdate_EndsBeforeItStarts()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            State("stateStart", 0, T0 + 1000, "mute"),
            StatesUpdate(0, T0 + 3000, ends: ["mute"], starts: ["pictureInPicture", "mute"]),
            Simple("sessionEnd", 0, T0 + 8000));

        // mute: 1-3 s (2 s) then 3-8 s (5 s) = 7 s over 2 entries; pictureinpicture: 3-8 s = 5 s.
        Assert.Equal([new StateMetrics("mute", true, 2, 7), new StateMetrics("pictureinpicture", true, 1, 5)], report.States);
        Assert.Empty(report.IgnoredEvents);
    }

    [Fact]
    public void OpenSession_CountsActiveStatesUpToTheLastEvent()
    {
        var report = SessionEvents.Online(SessionCloseKind.Open,
            SessionStart(T0),
            State("stateStart", 0, T0 + 1000, "mute"),
            Simple("ping", 0, T0 + 11_000));

        Assert.Equal([new StateMetrics("mute", true, 1, 10)], report.States);
    }
}
