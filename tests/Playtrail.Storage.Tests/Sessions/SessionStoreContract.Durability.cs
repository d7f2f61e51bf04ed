using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

public abstract partial class SessionStoreContract
{
    [Fact]
    public async Task Reopen_KeepsSessionsEventsAndUploadIdentities()
    {
        var online = await StartOnlineSessionAsync();
        await Store.AppendEventAsync(online.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000), online.ReceivedAt, None);
        var body = StoreInputs.DownloadedBody(firstTs: StoreInputs.FirstTs + 100_000);
        var downloaded = await UploadAsync(body, "key-1");
        var onlineBefore = await Store.GetSessionAsync(online.SessionId, None);
        var onlineEventsBefore = await Store.GetEventsAsync(online.SessionId, None);
        var downloadedBefore = await Store.GetSessionAsync(downloaded.SessionId, None);
        var downloadedEventsBefore = await Store.GetEventsAsync(downloaded.SessionId, None);

        await ReopenAsync();

        Assert.Equal(onlineBefore, await Store.GetSessionAsync(online.SessionId, None));
        Assert.Equal(downloadedBefore, await Store.GetSessionAsync(downloaded.SessionId, None));
        AssertSameEvents(onlineEventsBefore, await Store.GetEventsAsync(online.SessionId, None));
        AssertSameEvents(downloadedEventsBefore, await Store.GetEventsAsync(downloaded.SessionId, None));
        var (_, outcome) = await TryUploadAsync(body, "key-1");
        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, downloaded.SessionId), outcome);
    }

    [Fact]
    public async Task Reopen_AppendContinuesTheSequence()
    {
        var online = await StartOnlineSessionAsync();
        await Store.AppendEventAsync(online.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000), online.ReceivedAt, None);

        await ReopenAsync();
        var outcome = await Store.AppendEventAsync(online.SessionId, StoreInputs.Event("ping", 10, StoreInputs.FirstTs + 11_000), online.ReceivedAt, None);

        Assert.Equal(AppendOutcome.Accepted, outcome);
        Assert.Equal([0, 1, 2], (await Store.GetEventsAsync(online.SessionId, None)).Select(stored => stored.Sequence));
    }

    private static void AssertSameEvents(IReadOnlyList<StoredEvent> expected, IReadOnlyList<StoredEvent> actual)
    {
        // StoredEvent holds its JSON as an array, which records compare by reference: compare the bytes.
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i] with { Json = Array.Empty<byte>() }, actual[i] with { Json = Array.Empty<byte>() });
            Assert.Equal(expected[i].Json, actual[i].Json);
        }
    }
}
