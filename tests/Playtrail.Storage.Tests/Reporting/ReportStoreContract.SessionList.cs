using Playtrail.Core.Events;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;
using Playtrail.Storage.Tests.Sessions;

namespace Playtrail.Storage.Tests.Reporting;

public abstract partial class ReportStoreContract
{
    private static readonly string[] Reasons = ["complete", "end", "endOfArray", "idle", "stall"];

    [Fact]
    public async Task SessionList_PagesEveryClosedSessionOnce_NewestWatchedFirst_WithEachFilter()
    {
        // 23 sessions, several sharing a first event ts (the id breaks the tie), over three contents and every close reason.
        var facts = Enumerable.Range(0, 23).Select(i => TestFacts.Of(Id($"list{i}"), $"m{i % 3}", i % 2 == 0,
            Utc("2025-04-01T00:00Z") + ((i % 7) * 60_000), timePlayed: i, contentType: i % 4 == 0 ? "live" : "vod", closeReason: Reasons[i % 5])).ToList();
        await SaveAllAsync(facts);
        var from = DateTimeOffset.Parse("2025-04-01T00:02Z");
        var before = DateTimeOffset.Parse("2025-04-01T00:05Z");

        var cases = new (SessionListQuery Query, Func<SessionFacts, bool> Expected)[]
        {
            (List(), _ => true),
            (List() with { MediaId = "m1" }, f => f.MediaId == "m1"),
            (List() with { Status = SessionStatus.Ended }, f => f.CloseReason is CloseReason.End or CloseReason.EndOfArray),
            (List() with { Status = SessionStatus.TimedOut }, f => f.CloseReason is CloseReason.Idle or CloseReason.Stall),
            (List() with { Status = SessionStatus.TimedOut, CloseReason = CloseReason.Idle }, f => f.CloseReason == CloseReason.Idle),
            (List() with { Status = SessionStatus.Completed, CloseReason = CloseReason.Idle }, _ => false),
            (List() with { CloseReason = CloseReason.Stall }, f => f.CloseReason == CloseReason.Stall),
            (List() with { MediaId = "m2", Status = SessionStatus.Ended }, f => f.MediaId == "m2" && f.CloseReason is CloseReason.End or CloseReason.EndOfArray && f.MediaId == "m2"),
            (List() with { Downloaded = true, ContentType = "vod" }, f => f.Downloaded && f.ContentType == "vod"),
            (List() with { WatchedFrom = from, WatchedBefore = before }, f => f.FirstEventTs >= from.ToUnixTimeMilliseconds() && f.FirstEventTs < before.ToUnixTimeMilliseconds()),
        };

        foreach (var (query, expected) in cases)
        {
            var listed = await ListAllAsync(query);

            var wanted = facts.Where(expected).OrderByDescending(f => f.FirstEventTs).ThenByDescending(f => f.SessionId, StringComparer.Ordinal).Select(f => f.SessionId);
            Assert.Equal(wanted, listed.Select(item => item.SessionId));
        }
    }

    [Fact]
    public async Task SessionList_ClosedSessionItems_CarryTheirFacts()
    {
        var facts = TestFacts.Of(Id("one"), "movie-7", true, Utc("2025-04-02T10:00Z"), timePlayed: 42, lateness: 90, closeReason: "endOfArray", mediaName: "Seven");
        await SaveAsync(facts);

        var page = await Reports.ListSessionsAsync(List(), None);

        var item = Assert.Single(page.Items);
        Assert.Null(page.Next);
        Assert.Equal((facts.SessionId, SessionStatus.Ended, (CloseReason?)CloseReason.EndOfArray, true, "movie-7", "Seven", "vod"),
            (item.SessionId, item.Status, item.CloseReason, item.Downloaded, item.MediaId, item.MediaName, item.ContentType));
        Assert.Equal((facts.FirstEventTs, facts.LastEventTs, facts.ReceivedAt, facts.ClosedAt, 5, 0, 90.0),
            (item.FirstEventTs, item.LastEventTs, item.ReceivedAt, item.ClosedAt, item.EventCount, item.IgnoredEventCount, item.LatenessSeconds!.Value));
        Assert.Equal(facts.Measures.Values.ToArray(), item.Measures!.Values.ToArray());
    }

    [Fact]
    public async Task SessionList_OfOpenSessions_PagesThemNewestArrivalFirst_AndActiveCountsThemByContentType()
    {
        var start = StoreInputs.SessionStart();
        var open = new List<(string Id, long ReceivedAt, string ContentType)>();
        for (var i = 0; i < 7; i++)
        {
            // Two sessions arrive in the same millisecond every other minute: the id breaks the tie.
            if (i % 2 == 1)
            {
                Time.Advance(TimeSpan.FromMinutes(1));
            }

            var contentType = i < 4 ? "live" : "vod";
            var session = new NewSession(Id($"open{i}"), false, new SessionStartSummary($"m{i}", null, contentType, 60, false), Time.GetUtcNow());
            await Store.CreateOnlineSessionAsync(session, start, None);
            open.Add((session.SessionId, Time.GetUtcNow().ToUnixTimeMilliseconds(), contentType));
        }

        // One of them closes; a processed session is not open either.
        await Store.AppendEventAsync(open[2].Id, StoreInputs.Event("sessionEnd", 1, StoreInputs.FirstTs + 1_000), Time.GetUtcNow(), None);
        open.RemoveAt(2);
        await SaveAsync(TestFacts.Of(Id("closed"), "m9", false, Utc("2025-04-02T10:00Z")));

        var listed = await ListAllAsync(List() with { Status = SessionStatus.Active });
        var live = await ListAllAsync(List() with { Status = SessionStatus.Active, ContentType = "live" });
        var active = await Reports.GetActiveSessionsAsync(None);

        Assert.Equal(open.OrderByDescending(o => o.ReceivedAt).ThenByDescending(o => o.Id, StringComparer.Ordinal).Select(o => o.Id), listed.Select(item => item.SessionId));
        Assert.All(listed, item => Assert.True(item.Status == SessionStatus.Active && item.Measures is null && item.CloseReason is null && item.ClosedAt is null));
        Assert.Equal(3, live.Count);
        Assert.Empty(await ListAllAsync(List() with { Status = SessionStatus.Active, CloseReason = CloseReason.Idle }));
        Assert.Equal(6, active.Total);
        Assert.Equal(new Dictionary<string, long> { ["live"] = 3, ["vod"] = 3 }, active.ByContentType);
    }

    private static SessionListQuery List() => new(null, null, null, null, null, null, null, Limit: 4, After: null);

    /// <summary>Follows the cursor from the first page to the last, checking that only the last page has no next cursor.</summary>
    private async Task<List<SessionListItem>> ListAllAsync(SessionListQuery query)
    {
        var items = new List<SessionListItem>();
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 100, "the cursor does not advance");
            var page = await Reports.ListSessionsAsync(query, None);
            Assert.True(page.Items.Count <= query.Limit);
            items.AddRange(page.Items);
            if (page.Next is null)
            {
                return items;
            }

            Assert.Equal(query.Limit, page.Items.Count);
            query = query with { After = page.Next };
        }
    }
}
