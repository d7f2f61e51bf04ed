using Playtrail.Core.Events;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

public abstract partial class SessionStoreContract
{
    [Fact]
    public async Task CreateAndAppend_ReadBack_ReturnsEventsInArrivalOrderWithOriginalBytes()
    {
        var receivedAt = Time.GetUtcNow();
        var start = StoreInputs.SessionStart();
        var session = StoreInputs.OnlineSession(start, receivedAt);
        EventRecord[] appended =
        [
            StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000),
            StoreInputs.Event("ping", 10, StoreInputs.FirstTs + 11_000),
            StoreInputs.Event("pauseStart", 12.5, StoreInputs.FirstTs + 13_500),
        ];

        await Store.CreateOnlineSessionAsync(session, start, None);
        var outcomes = new List<AppendOutcome>();
        for (var i = 0; i < appended.Length; i++)
        {
            outcomes.Add(await Store.AppendEventAsync(session.SessionId, appended[i], receivedAt.AddSeconds(i + 1), None));
        }

        Assert.All(outcomes, outcome => Assert.Equal(AppendOutcome.Accepted, outcome));
        var events = await Store.GetEventsAsync(session.SessionId, None);
        EventRecord[] expected = [start, .. appended];
        Assert.Equal(expected.Length, events.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(i, events[i].Sequence);
            Assert.Equal(expected[i].Type, events[i].Type);
            Assert.Equal(expected[i].Ts, events[i].Ts);
            Assert.Equal(expected[i].Playhead, events[i].Playhead);
            Assert.Equal(expected[i].Json.ToArray(), events[i].Json);
            Assert.Equal(receivedAt.AddSeconds(i), events[i].ReceivedAt);
        }
    }

    [Fact]
    public async Task CreateAndAppend_SessionRow_TracksCountsTimesAndDescription()
    {
        var session = await StartOnlineSessionAsync();
        var lastArrival = session.ReceivedAt.AddSeconds(30);
        await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000), session.ReceivedAt.AddSeconds(5), None);
        await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 10, StoreInputs.FirstTs + 11_000), lastArrival, None);

        var row = await Store.GetSessionAsync(session.SessionId, None);

        Assert.NotNull(row);
        Assert.Equal(session.SessionId, row.SessionId);
        Assert.Equal(SessionStatus.Active, row.Status);
        Assert.False(row.Downloaded);
        Assert.Equal(session.Start, row.Start);
        Assert.Equal(3, row.EventCount);
        Assert.Equal(StoreInputs.FirstTs, row.FirstEventTs);
        Assert.Equal(StoreInputs.FirstTs + 11_000, row.LastEventTs);
        Assert.Equal(session.ReceivedAt, row.ReceivedAt);
        Assert.Equal(lastArrival, row.LastEventAt);
        Assert.Null(row.ClosedAt);
        Assert.Null(row.CloseReason);
    }

    [Fact]
    public async Task Append_EventWithEarlierDeviceTime_WidensFirstEventTs()
    {
        var session = await StartOnlineSessionAsync();

        await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 0, StoreInputs.FirstTs - 5_000), session.ReceivedAt, None);

        var row = await Store.GetSessionAsync(session.SessionId, None);
        Assert.Equal(StoreInputs.FirstTs - 5_000, row!.FirstEventTs);
        Assert.Equal(StoreInputs.FirstTs, row.LastEventTs);
    }

    [Fact]
    public async Task Append_ToUnknownSession_ReturnsNotFoundAndStoresNothing()
    {
        var unknownId = StoreInputs.NewSessionId();

        var outcome = await Store.AppendEventAsync(unknownId, StoreInputs.Event("play", 0, StoreInputs.FirstTs), Time.GetUtcNow(), None);

        Assert.Equal(AppendOutcome.NotFound, outcome);
        Assert.Empty(await Store.GetEventsAsync(unknownId, None));
        Assert.Null(await Store.GetSessionAsync(unknownId, None));
    }

    [Fact]
    public async Task Append_SessionEnd_ClosesSessionAsEnded()
    {
        var session = await StartOnlineSessionAsync();
        var endArrival = session.ReceivedAt.AddSeconds(20);
        await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000), session.ReceivedAt.AddSeconds(1), None);

        var outcome = await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("sessionEnd", 5, StoreInputs.FirstTs + 20_000), endArrival, None);

        Assert.Equal(AppendOutcome.Accepted, outcome);
        var row = await Store.GetSessionAsync(session.SessionId, None);
        Assert.Equal(SessionStatus.Ended, row!.Status);
        Assert.Equal(CloseReason.End, row.CloseReason);
        Assert.Equal(endArrival, row.ClosedAt);
        Assert.Equal(3, row.EventCount);
        Assert.Equal(EventType.SessionEnd, (await Store.GetEventsAsync(session.SessionId, None))[^1].Type);
    }

    [Fact]
    public async Task Append_SessionComplete_ClosesSessionAsCompleted()
    {
        var session = await StartOnlineSessionAsync();
        var completeArrival = session.ReceivedAt.AddSeconds(40);

        var outcome = await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("sessionComplete", 35, StoreInputs.FirstTs + 40_000), completeArrival, None);

        Assert.Equal(AppendOutcome.Accepted, outcome);
        var row = await Store.GetSessionAsync(session.SessionId, None);
        Assert.Equal(SessionStatus.Completed, row!.Status);
        Assert.Equal(CloseReason.Complete, row.CloseReason);
        Assert.Equal(completeArrival, row.ClosedAt);
    }

    [Fact]
    public async Task Append_AfterSessionEnd_ReturnsGoneAndStoresNothing()
    {
        var session = await StartOnlineSessionAsync();
        await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("sessionEnd", 5, StoreInputs.FirstTs + 20_000), session.ReceivedAt, None);

        var outcome = await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 10, StoreInputs.FirstTs + 30_000), session.ReceivedAt, None);

        Assert.Equal(AppendOutcome.Gone, outcome);
        Assert.Equal(2, (await Store.GetEventsAsync(session.SessionId, None)).Count);
        Assert.Equal(2, (await Store.GetSessionAsync(session.SessionId, None))!.EventCount);
    }

    [Fact]
    public async Task Append_AfterSessionComplete_ReturnsGone()
    {
        var session = await StartOnlineSessionAsync();
        await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("sessionComplete", 35, StoreInputs.FirstTs + 40_000), session.ReceivedAt, None);

        var outcome = await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 35, StoreInputs.FirstTs + 50_000), session.ReceivedAt, None);

        Assert.Equal(AppendOutcome.Gone, outcome);
    }

    [Fact]
    public async Task GetSession_UnknownId_ReturnsNull()
    {
        Assert.Null(await Store.GetSessionAsync(StoreInputs.NewSessionId(), None));
        Assert.Empty(await Store.GetEventsAsync(StoreInputs.NewSessionId(), None));
    }

    [Fact]
    public async Task IsHealthy_OpenStore_ReturnsTrue()
    {
        Assert.True(await Store.IsHealthyAsync(None));
    }

    [Fact]
    public async Task Append_TwoThousandConcurrentEvents_StoresEachOnceWithDenseSequence()
    {
        const int Count = 2_000;
        var session = await StartOnlineSessionAsync();
        var records = Enumerable.Range(1, Count)
            .Select(i => StoreInputs.Event("ping", i, StoreInputs.FirstTs + i))
            .ToArray();

        var outcomes = await Task.WhenAll(records.Select(record =>
            Task.Run(() => Store.AppendEventAsync(session.SessionId, record, session.ReceivedAt, None))));

        Assert.All(outcomes, outcome => Assert.Equal(AppendOutcome.Accepted, outcome));
        var events = await Store.GetEventsAsync(session.SessionId, None);
        Assert.Equal(Enumerable.Range(0, Count + 1), events.Select(stored => stored.Sequence));
        var storedTs = events.Skip(1).Select(stored => stored.Ts).Order();
        Assert.Equal(records.Select(record => record.Ts), storedTs);
        Assert.Equal(Count + 1, (await Store.GetSessionAsync(session.SessionId, None))!.EventCount);
    }
}
