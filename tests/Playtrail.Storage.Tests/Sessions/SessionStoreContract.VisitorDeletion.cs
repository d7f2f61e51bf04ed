using Playtrail.Storage.Privacy;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

public abstract partial class SessionStoreContract
{
    /// <summary>The sessionStart parameter that names <paramref name="value"/> in the way <paramref name="field"/> does.</summary>
    internal static string Naming(string field, string value) => field switch
    {
        "visitor.customerIDs" => $$$"""
            "visitor.customerIDs": {"crm": {"id": "other-{{{value}}}", "authState": 1}, "loyalty": {"id": "{{{value}}}", "authState": 2}}
            """,
        _ => $"\"{field}\": \"{value}\"",
    };

    [Theory]
    [InlineData("visitor.marketingCloudUserId")]
    [InlineData("analytics.aid")]
    [InlineData("visitor.customerIDs")]
    [InlineData("analytics.visitorId")]
    public async Task DeleteVisitor_ByEachIdentifier_RemovesTheirOpenAndClosedSessions_AndNoOneElses(string field)
    {
        const string Visitor = "viewer-0123456789";
        var naming = Naming(field, Visitor);
        var open = await StartOnlineSessionNamingAsync(naming, StoreInputs.FirstTs);
        Assert.Equal(AppendOutcome.Accepted, await Store.AppendEventAsync(open.SessionId, StoreInputs.Event("play", 0, StoreInputs.FirstTs + 1_000), Time.GetUtcNow(), None));
        var processed = await UploadAsync(StoreInputs.DownloadedBody(StoreInputs.FirstTs + 100_000, extraParams: naming), idempotencyKey: null);
        await SaveProcessedAsync(processed.SessionId, timePlayed: 20);
        var waiting = await UploadAsync(StoreInputs.DownloadedBody(StoreInputs.FirstTs + 200_000, extraParams: naming), idempotencyKey: null);
        var otherVisitor = await UploadAsync(
            StoreInputs.DownloadedBody(StoreInputs.FirstTs + 300_000, extraParams: Naming(field, Visitor + "0")), idempotencyKey: null);
        await SaveProcessedAsync(otherVisitor.SessionId, timePlayed: 7);
        var anonymous = await StartOnlineSessionAsync(StoreInputs.FirstTs + 400_000);
        var totalsBefore = await TotalsAsync();

        var deleted = await Store.DeleteVisitorAsync(Visitor, None);

        Assert.Equal(new VisitorDeletion(Sessions: 3, Events: 2 + 5 + 5), deleted);
        foreach (var gone in new[] { open, processed, waiting })
        {
            Assert.Null(await Store.GetSessionAsync(gone.SessionId, None));
            Assert.Empty(await Store.GetEventsAsync(gone.SessionId, None));
            Assert.Null(await Store.GetReportAsync(gone.SessionId, None));
        }

        Assert.Equal(AppendOutcome.NotFound,
            await Store.AppendEventAsync(open.SessionId, StoreInputs.Event("ping", 10, StoreInputs.FirstTs + 11_000), Time.GetUtcNow(), None));
        Assert.Empty(await Store.GetUnprocessedSessionIdsAsync(100, None));
        Assert.Equal([otherVisitor.SessionId], await ExportedIdsAsync());
        Assert.NotNull(await Store.GetReportAsync(otherVisitor.SessionId, None));
        Assert.Equal(5, (await Store.GetEventsAsync(otherVisitor.SessionId, None)).Count);
        Assert.Single(await Store.GetEventsAsync(anonymous.SessionId, None));
        Assert.Equal(totalsBefore, await TotalsAsync());
    }

    [Fact]
    public async Task DeleteVisitor_Repeated_FindsNothingTheSecondTime()
    {
        var naming = Naming("visitor.marketingCloudUserId", "repeat-me");
        await UploadAsync(StoreInputs.DownloadedBody(extraParams: naming), idempotencyKey: null);

        var first = await Store.DeleteVisitorAsync("repeat-me", None);
        var second = await Store.DeleteVisitorAsync("repeat-me", None);

        Assert.Equal(new VisitorDeletion(1, 5), first);
        Assert.Equal(new VisitorDeletion(0, 0), second);
    }

    [Fact]
    public async Task DeleteVisitor_MatchesIdentifiersExactly()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(extraParams: Naming("analytics.aid", "Case-Matters")), idempotencyKey: null);

        var deleted = await Store.DeleteVisitorAsync("case-matters", None);

        Assert.Equal(new VisitorDeletion(0, 0), deleted);
        Assert.NotNull(await Store.GetSessionAsync(session.SessionId, None));
    }

    [Fact]
    public async Task DeleteVisitor_InSmallSteps_RemovesEverySessionAcrossSeveralTransactions()
    {
        var naming = Naming("visitor.marketingCloudUserId", "many-sessions");
        var sessions = new List<NewSession>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await UploadAsync(StoreInputs.DownloadedBody(StoreInputs.FirstTs + (i * 100_000), extraParams: naming), idempotencyKey: null));
        }

        await SaveProcessedAsync(sessions[1].SessionId, timePlayed: 10);

        var deleted = await VisitorDeletionLoop.RunAsync((IVisitorDeletionBatches)Store, "many-sessions", new VisitorDeletionLimits(MaxSessions: 2, MaxEvents: 3), None);

        Assert.Equal(new VisitorDeletion(3, 15), deleted);
        foreach (var session in sessions)
        {
            Assert.Null(await Store.GetSessionAsync(session.SessionId, None));
        }

        Assert.Empty(await ExportedIdsAsync());
    }

    [Fact]
    public async Task DeleteVisitor_StoppedInsideASession_LeavesNothingThatCanStillBeProcessed()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(extraParams: Naming("analytics.aid", "half-done")), idempotencyKey: null);
        var batches = (IVisitorDeletionBatches)Store;

        var step = await batches.DeleteVisitorBatchAsync(VisitorKeys.Of("half-done"), new VisitorDeletionLimits(MaxSessions: 10, MaxEvents: 3), None);

        Assert.Equal(new VisitorDeletionBatch(Found: true, Sessions: 0, Events: 3), step);
        Assert.Equal(2, (await Store.GetEventsAsync(session.SessionId, None)).Count);
        Assert.Empty(await Store.GetUnprocessedSessionIdsAsync(100, None));
        Assert.False(await Store.SaveProcessedSessionAsync(Processed(TestFacts.Of(session.SessionId, "movie-42", downloaded: true, WatchedTs)), None));
        Assert.Empty(await TotalsAsync());
        Assert.Equal(new VisitorDeletion(1, 2), await Store.DeleteVisitorAsync("half-done", None));
    }

    [Fact]
    public async Task DeleteVisitor_AfterARestart_FindsSessionsStoredBeforeIt()
    {
        var naming = Naming("visitor.marketingCloudUserId", "restarted");
        var open = await StartOnlineSessionNamingAsync(naming, StoreInputs.FirstTs);

        await ReopenAsync();

        Assert.Equal(new VisitorDeletion(1, 1), await Store.DeleteVisitorAsync("restarted", None));
        Assert.Null(await Store.GetSessionAsync(open.SessionId, None));
    }

    private async Task<NewSession> StartOnlineSessionNamingAsync(string naming, long ts)
    {
        var start = StoreInputs.SessionStart(ts, naming);
        var session = StoreInputs.OnlineSession(start, Time.GetUtcNow());
        await Store.CreateOnlineSessionAsync(session, start, None);
        return session;
    }

    private async Task SaveProcessedAsync(string sessionId, double timePlayed) =>
        Assert.True(await Store.SaveProcessedSessionAsync(
            Processed(TestFacts.Of(sessionId, "movie-42", downloaded: true, WatchedTs, timePlayed, lateness: 3_600)), None));

    /// <summary>Every summary total, as one comparable value per day.</summary>
    private async Task<List<string>> TotalsAsync()
    {
        var rows = await Store.GetSummaryAsync(new SummaryQuery(DateOnly.MinValue, DateOnly.MaxValue, SummaryGrouping.Day), None);
        return [.. rows.Select(row => $"{row.Key}: {row.Sessions} sessions, {row.TimePlayed} s, {string.Join(",", row.Lateness.OrderBy(entry => entry.Key))}")];
    }

    private async Task<List<string>> ExportedIdsAsync()
    {
        var all = new ExportQuery(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100), ReportFilter.None);
        return await ((IReportStore)Store).ExportSessionsAsync(all, includeCalls: false, None).Select(session => session.Facts.SessionId).ToListAsync();
    }
}
