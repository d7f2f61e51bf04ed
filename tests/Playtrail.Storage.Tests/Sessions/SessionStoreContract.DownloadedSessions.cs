using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

public abstract partial class SessionStoreContract
{
    private static readonly TimeSpan RetentionWindow = TimeSpan.FromDays(1);

    [Fact]
    public async Task Downloaded_WithSessionComplete_IsStoredWholeAndClosedAsCompleted()
    {
        var body = StoreInputs.DownloadedBody();
        var events = StoreInputs.Downloaded(body);

        var (session, outcome) = await TryUploadAsync(body, "key-1");

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Created, session.SessionId), outcome);
        var row = await Store.GetSessionAsync(session.SessionId, None);
        Assert.NotNull(row);
        Assert.True(row.Downloaded);
        Assert.Equal(SessionStatus.Completed, row.Status);
        Assert.Equal(CloseReason.Complete, row.CloseReason);
        Assert.Equal(session.ReceivedAt, row.ClosedAt);
        Assert.Equal(session.ReceivedAt, row.LastEventAt);
        Assert.Equal(events.Count, row.EventCount);
        Assert.Equal(StoreInputs.FirstTs, row.FirstEventTs);
        Assert.Equal(StoreInputs.FirstTs + 26_000, row.LastEventTs);
        Assert.Equal(session.Start, row.Start);
        var stored = await Store.GetEventsAsync(session.SessionId, None);
        Assert.Equal(events.Select(record => record.Json.ToArray()), stored.Select(storedEvent => storedEvent.Json));
        Assert.Equal(events.Select(record => record.Type), stored.Select(storedEvent => storedEvent.Type));
        Assert.Equal(Enumerable.Range(0, events.Count), stored.Select(storedEvent => storedEvent.Sequence));
        Assert.All(stored, storedEvent => Assert.Equal(session.ReceivedAt, storedEvent.ReceivedAt));
    }

    [Fact]
    public async Task Downloaded_WithoutSessionComplete_IsClosedAsEndedAtEndOfArray()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(lastEventType: "pauseStart"), idempotencyKey: null);

        var row = await Store.GetSessionAsync(session.SessionId, None);
        Assert.Equal(SessionStatus.Ended, row!.Status);
        Assert.Equal(CloseReason.EndOfArray, row.CloseReason);
        Assert.Equal(session.ReceivedAt, row.ClosedAt);
    }

    [Fact]
    public async Task Downloaded_EndingWithSessionEnd_IsClosedAsEnded()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(lastEventType: "sessionEnd"), idempotencyKey: null);

        var row = await Store.GetSessionAsync(session.SessionId, None);
        Assert.Equal(SessionStatus.Ended, row!.Status);
        Assert.Equal(CloseReason.End, row.CloseReason);
    }

    [Fact]
    public async Task Downloaded_SameKeyAndBodyAgain_ReturnsDuplicateWithOriginalIdAndStoresNothing()
    {
        var body = StoreInputs.DownloadedBody();
        var first = await UploadAsync(body, "key-1");
        Time.Advance(TimeSpan.FromMinutes(5));

        var (retry, outcome) = await TryUploadAsync(body, "key-1");

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, first.SessionId), outcome);
        Assert.Null(await Store.GetSessionAsync(retry.SessionId, None));
        Assert.Empty(await Store.GetEventsAsync(retry.SessionId, None));
    }

    [Fact]
    public async Task Downloaded_SameBodyWithoutKey_ReturnsDuplicateByBodyHash()
    {
        var body = StoreInputs.DownloadedBody();
        var first = await UploadAsync(body, idempotencyKey: null);

        var (retry, outcome) = await TryUploadAsync(body, null);

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, first.SessionId), outcome);
        Assert.Null(await Store.GetSessionAsync(retry.SessionId, None));
    }

    [Fact]
    public async Task Downloaded_SameKeyDifferentBody_ReturnsKeyConflictAndStoresNothing()
    {
        var first = await UploadAsync(StoreInputs.DownloadedBody(), "key-1");
        var otherBody = StoreInputs.DownloadedBody(firstTs: StoreInputs.FirstTs + 60_000);

        var (other, outcome) = await TryUploadAsync(otherBody, "key-1");

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.KeyConflict, first.SessionId), outcome);
        Assert.Null(await Store.GetSessionAsync(other.SessionId, None));
    }

    [Fact]
    public async Task Downloaded_SameBodyWithDifferentKeys_CreatesTwoSessions()
    {
        var body = StoreInputs.DownloadedBody();
        var first = await UploadAsync(body, "key-1");

        var (second, outcome) = await TryUploadAsync(body, "key-2");

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Created, second.SessionId), outcome);
        Assert.NotEqual(first.SessionId, second.SessionId);
    }

    [Fact]
    public async Task Downloaded_RepeatOutsideWindow_IsCreatedAgain()
    {
        var body = StoreInputs.DownloadedBody();
        var first = await UploadAsync(body, "key-1");
        Time.Advance(RetentionWindow + TimeSpan.FromMilliseconds(1));

        var (later, outcome) = await TryUploadAsync(body, "key-1");

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Created, later.SessionId), outcome);
        Assert.NotNull(await Store.GetSessionAsync(first.SessionId, None));
        Assert.NotNull(await Store.GetSessionAsync(later.SessionId, None));
    }

    [Fact]
    public async Task Downloaded_RepeatExactlyAtWindowStart_IsStillDuplicate()
    {
        var body = StoreInputs.DownloadedBody();
        var first = await UploadAsync(body, idempotencyKey: null);
        Time.Advance(RetentionWindow);

        var (retry, outcome) = await TryUploadAsync(body, null);

        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, first.SessionId), outcome);
    }

    [Fact]
    public async Task Downloaded_TwentyConcurrentIdenticalUploads_StoreExactlyOneSession()
    {
        var body = StoreInputs.DownloadedBody();
        var uploads = Enumerable.Range(0, 20)
            .Select(_ => StoreInputs.DownloadedSession(StoreInputs.Downloaded(body), Time.GetUtcNow()))
            .ToArray();
        var identity = StoreInputs.Identity(body, null, Time.GetUtcNow() - RetentionWindow);

        var outcomes = await Task.WhenAll(uploads.Select(upload =>
            Task.Run(() => Store.CreateDownloadedSessionAsync(upload, StoreInputs.Downloaded(body), identity, None))));

        var created = Assert.Single(outcomes, outcome => outcome.Kind == DownloadedOutcomeKind.Created);
        Assert.All(outcomes, outcome => Assert.Equal(created.SessionId, outcome.SessionId));
        var stored = 0;
        foreach (var upload in uploads)
        {
            stored += await Store.GetSessionAsync(upload.SessionId, None) is null ? 0 : 1;
        }

        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task Append_ToDownloadedSession_ReturnsGone()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(), idempotencyKey: null);

        var outcome = await Store.AppendEventAsync(session.SessionId, StoreInputs.Event("ping", 40, StoreInputs.FirstTs + 90_000), Time.GetUtcNow(), None);

        Assert.Equal(AppendOutcome.Gone, outcome);
    }

    /// <summary>Uploads <paramref name="body"/> as a new session received now, with duplicates counted over the last day.</summary>
    private async Task<(NewSession Session, DownloadedOutcome Outcome)> TryUploadAsync(string body, string? idempotencyKey)
    {
        var events = StoreInputs.Downloaded(body);
        var session = StoreInputs.DownloadedSession(events, Time.GetUtcNow());
        var outcome = await Store.CreateDownloadedSessionAsync(
            session, events, StoreInputs.Identity(body, idempotencyKey, Time.GetUtcNow() - RetentionWindow), None);
        return (session, outcome);
    }

    private async Task<NewSession> UploadAsync(string body, string? idempotencyKey)
    {
        var (session, outcome) = await TryUploadAsync(body, idempotencyKey);
        Assert.Equal(DownloadedOutcomeKind.Created, outcome.Kind);
        return session;
    }
}
