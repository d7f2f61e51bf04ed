using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

public abstract partial class SessionStoreContract
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task Sweep_ClosesIdleAndStalledSessionsOnly()
    {
        var t0 = Time.GetUtcNow();
        var idle = await StartOnlineSessionAsync();
        var stalled = await StartOnlineSessionAsync();
        var playing = await StartOnlineSessionAsync();
        var ended = await StartOnlineSessionAsync();
        await Store.AppendEventAsync(ended.SessionId, StoreInputs.Event("sessionEnd", 0, StoreInputs.FirstTs + 1_000), t0, None);
        for (var minute = 5; minute <= 35; minute += 5)
        {
            var arrival = t0.AddMinutes(minute);
            var ts = StoreInputs.FirstTs + (minute * 60_000);
            // A paused player keeps pinging at the same playhead: alive, but stalled.
            await Store.AppendEventAsync(stalled.SessionId, StoreInputs.Event("ping", 0, ts), arrival, None);
            await Store.AppendEventAsync(playing.SessionId, StoreInputs.Event("ping", minute * 60, ts), arrival, None);
        }

        Time.SetUtcNow(t0.AddMinutes(35));
        var closed = await Store.CloseTimedOutSessionsAsync(Time.GetUtcNow() - IdleTimeout, Time.GetUtcNow() - StallTimeout, None);

        Assert.Equal(new[] { idle.SessionId, stalled.SessionId }.Order(), closed.Order());
        await AssertClosedAsync(idle.SessionId, SessionStatus.TimedOut, CloseReason.Idle, Time.GetUtcNow());
        await AssertClosedAsync(stalled.SessionId, SessionStatus.TimedOut, CloseReason.Stall, Time.GetUtcNow());
        await AssertClosedAsync(ended.SessionId, SessionStatus.Ended, CloseReason.End, t0);
        Assert.Equal(SessionStatus.Active, (await Store.GetSessionAsync(playing.SessionId, None))!.Status);
    }

    [Fact]
    public async Task Sweep_SessionBothIdleAndStalled_IsClosedAsIdle()
    {
        var session = await StartOnlineSessionAsync();
        Time.Advance(StallTimeout + TimeSpan.FromMinutes(1));

        var closed = await Store.CloseTimedOutSessionsAsync(Time.GetUtcNow() - IdleTimeout, Time.GetUtcNow() - StallTimeout, None);

        Assert.Equal([session.SessionId], closed);
        await AssertClosedAsync(session.SessionId, SessionStatus.TimedOut, CloseReason.Idle, Time.GetUtcNow());
    }

    [Fact]
    public async Task Sweep_LastEventExactlyAtCutOff_KeepsSessionOpen()
    {
        var session = await StartOnlineSessionAsync();
        Time.Advance(IdleTimeout);

        var closed = await Store.CloseTimedOutSessionsAsync(Time.GetUtcNow() - IdleTimeout, Time.GetUtcNow() - StallTimeout, None);

        Assert.Empty(closed);
        Assert.Equal(SessionStatus.Active, (await Store.GetSessionAsync(session.SessionId, None))!.Status);
    }

    [Fact]
    public async Task Append_AfterTimeout_ReturnsGone()
    {
        var session = await StartOnlineSessionAsync();
        Time.Advance(IdleTimeout + TimeSpan.FromSeconds(1));
        await Store.CloseTimedOutSessionsAsync(Time.GetUtcNow() - IdleTimeout, Time.GetUtcNow() - StallTimeout, None);

        var outcome = await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 10, StoreInputs.FirstTs + 10_000), Time.GetUtcNow(), None);

        Assert.Equal(AppendOutcome.Gone, outcome);
    }

    [Fact]
    public async Task Sweep_RunTwice_ReportsEachSessionOnce()
    {
        await StartOnlineSessionAsync();
        Time.Advance(IdleTimeout + TimeSpan.FromSeconds(1));
        var first = await Store.CloseTimedOutSessionsAsync(Time.GetUtcNow() - IdleTimeout, Time.GetUtcNow() - StallTimeout, None);

        var second = await Store.CloseTimedOutSessionsAsync(Time.GetUtcNow() - IdleTimeout, Time.GetUtcNow() - StallTimeout, None);

        Assert.Single(first);
        Assert.Empty(second);
    }

    private async Task AssertClosedAsync(string sessionId, SessionStatus status, CloseReason reason, DateTimeOffset closedAt)
    {
        var row = await Store.GetSessionAsync(sessionId, None);
        Assert.NotNull(row);
        Assert.Equal(status, row.Status);
        Assert.Equal(reason, row.CloseReason);
        Assert.Equal(closedAt, row.ClosedAt);
    }
}
