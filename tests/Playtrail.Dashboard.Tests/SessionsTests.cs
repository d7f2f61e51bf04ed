using System.Text.Json;
using Playtrail.Dashboard.Tests.Browser;
using Xunit.Abstractions;
using static Playtrail.Dashboard.Tests.ReportingApi;

namespace Playtrail.Dashboard.Tests;

/// <summary>The session list (filters, keyset pages) and a session's page with its timeline, against the API.</summary>
[Collection(DashboardTestGroup.Name)]
public sealed class SessionsTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private const int PageSize = 25;
    private static readonly string[] TimelineSeries = ["Playback", "Ad breaks", "Ads", "Chapters", "Player states", "Errors", "Playhead", "Bitrate"];

    private ReportingApi Api => fixture.Api;

    [Fact]
    public async Task Sessions_PagesOlderAndNewerByTheApisCursor()
    {
        await using var page = await fixture.OpenAsync("/sessions", output);
        await page.WaitForPanelsAsync("panel-sessions");
        var first = await AssertListAsync(page, "");
        await page.ScreenshotAsync("sessions", documentation: true);

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='sessions-older']"));
        await page.WaitForPanelsAsync("panel-sessions");
        Assert.Contains("after=", page.Page.Url, StringComparison.Ordinal);
        var second = await AssertListAsync(page, "after=" + Uri.EscapeDataString(first.GetProperty("next").GetString()!));

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='sessions-older']"));
        await page.WaitForPanelsAsync("panel-sessions");
        await AssertListAsync(page, "after=" + Uri.EscapeDataString(second.GetProperty("next").GetString()!));

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='sessions-newer']"));
        await page.WaitForPanelsAsync("panel-sessions");
        await AssertListAsync(page, "after=" + Uri.EscapeDataString(first.GetProperty("next").GetString()!));

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='sessions-newer']"));
        await page.WaitForPanelsAsync("panel-sessions");
        Assert.DoesNotContain("after=", page.Page.Url, StringComparison.Ordinal);
        await AssertListAsync(page, "");
        Assert.True(await page.Page.IsDisabledAsync("[data-testid='sessions-newer']"));
    }

    [Fact]
    public async Task Sessions_EachFilter_ListsWhatTheApiListsForIt()
    {
        await using var page = await fixture.OpenAsync("/sessions", output);
        await page.WaitForPanelsAsync("panel-sessions");
        var newest = (await Api.GetAsync("/api/v1/sessions?limit=1&downloaded=true")).GetProperty("rows")[0];

        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-downloaded']", "true"));
        await page.WaitForPanelsAsync("panel-sessions");
        var downloaded = await AssertListAsync(page, "downloaded=true");
        Assert.All(downloaded.GetProperty("rows").EnumerateArray(), row => Assert.True(row.GetProperty("downloaded").GetBoolean()));

        var day = newest.GetProperty("watchedDay").GetString()!;
        await page.ActAsync(() => page.Page.FillAsync("[data-testid='filter-day']", day));
        await page.WaitForPanelsAsync("panel-sessions");
        await AssertListAsync(page, $"downloaded=true&from={day}&to={day}");

        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-closeReason']", "complete"));
        await page.WaitForPanelsAsync("panel-sessions");
        await AssertListAsync(page, $"downloaded=true&from={day}&to={day}&closeReason=complete");

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='filter-reset']"));
        await page.WaitForPanelsAsync("panel-sessions");
        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-status']", "active"));
        await page.WaitForPanelsAsync("panel-sessions");
        var open = await AssertListAsync(page, "status=active");
        Assert.Equal(DataSet.OpenSessions, open.GetProperty("rows").GetArrayLength());

        var media = newest.GetProperty("mediaId").GetString()!;
        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-status']", ""));
        await page.WaitForPanelsAsync("panel-sessions");
        await page.ActAsync(async () =>
        {
            await page.Page.FillAsync("[data-testid='filter-mediaId']", media);
            await page.Page.PressAsync("[data-testid='filter-mediaId']", "Enter");
        });
        await page.WaitForPanelsAsync("panel-sessions");
        await AssertListAsync(page, "mediaId=" + Uri.EscapeDataString(media));
    }

    [Fact]
    public async Task Session_ClickedInTheList_DrawsItsTimeline_NextToItsMetricsIgnoredEventsAndCalls()
    {
        await using var page = await fixture.OpenAsync("/sessions?downloaded=true", output);
        await page.WaitForPanelsAsync("panel-sessions");
        var row = page.Page.Locator("[data-testid='session-row']").First;
        var sid = await row.GetAttributeAsync("data-sid");

        await page.ActAsync(() => row.Locator("[data-testid='session-link']").ClickAsync());

        await page.WaitForPanelsAsync("panel-session", "panel-timeline", "panel-metrics", "panel-ignored", "panel-calls");
        Assert.EndsWith("/sessions/" + sid, page.Page.Url, StringComparison.Ordinal);
        await AssertSessionAsync(page, sid!);
        await page.BackAsync();
        await page.WaitForPanelsAsync("panel-sessions");
        Assert.EndsWith("/sessions?downloaded=true", page.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_WithAdsChaptersAndPlayerStates_DrawsEverySeries()
    {
        var sid = await RichSessionAsync();
        await using var page = await fixture.OpenAsync("/sessions/" + sid, output);

        await page.WaitForPanelsAsync("panel-session", "panel-timeline", "panel-metrics", "panel-ignored", "panel-calls");

        await AssertSessionAsync(page, sid);
        await page.ScreenshotAsync("session-timeline", documentation: true);
    }

    /// <summary>A session whose timeline has ad breaks, chapters and player states, for the fullest drawing.</summary>
    private async Task<string> RichSessionAsync()
    {
        var list = await Api.GetAsync("/api/v1/sessions?limit=100&contentType=vod&closeReason=complete");
        foreach (var candidate in list.GetProperty("rows").EnumerateArray())
        {
            var sid = candidate.GetProperty("sessionId").GetString()!;
            var timeline = await Api.GetAsync($"/api/v1/sessions/{sid}/timeline");
            if (timeline.GetProperty("adBreaks").GetArrayLength() > 1 && timeline.GetProperty("chapters").GetArrayLength() > 1
                && timeline.GetProperty("playerStates").GetArrayLength() > 0 && timeline.GetProperty("bitrate").GetArrayLength() > 1)
            {
                return sid;
            }
        }

        throw new InvalidOperationException("No simulated vod session has mid-rolls, chapters, player states and bitrate changes.");
    }

    private async Task AssertSessionAsync(DashboardPage page, string sid)
    {
        var report = await Api.GetAsync("/api/v1/sessions/" + sid);
        var metrics = report.GetProperty("metrics");
        foreach (var field in new[] { "timePlayed", "totalTimePlayed", "uniqueTimePlayed", "averageMinuteAudience", "pauseCount", "pauseTime", "adCount", "chapterCount" })
        {
            AssertSame(metrics.GetProperty(field), await page.ValueAsync("metric-" + field), field);
        }

        var qoe = metrics.GetProperty("qoe");
        foreach (var (field, testId) in new[] { ("timeToStart", "metric-timeToStart"), ("bitrateAverage", "metric-bitrateAverage"), ("bufferTime", "metric-bufferTime"), ("stallTime", "metric-stallTime"), ("errorCount", "metric-errorCount") })
        {
            AssertSame(qoe.GetProperty(field), await page.ValueAsync(testId), field);
        }

        AssertSame(report.GetProperty("eventCount"), await page.ValueAsync("session-eventCount"), "events");
        AssertSame(report.GetProperty("firstEventTs"), await page.ValueAsync("session-first"), "first event");
        Assert.Equal(report.GetProperty("ignoredEvents").GetArrayLength(), await page.Page.Locator("[data-testid='ignored-row']").CountAsync());
        var calls = await Api.GetAsync($"/api/v1/sessions/{sid}/calls");
        Assert.Equal(calls.GetArrayLength(), await page.Page.Locator("[data-testid='call']").CountAsync());

        var timeline = await Api.GetAsync($"/api/v1/sessions/{sid}/timeline");
        var chart = await page.ChartAsync("chart-timeline");
        Assert.True(chart.GetProperty("canvas").GetBoolean(), "the timeline has no canvas");
        Assert.True(chart.GetProperty("inkedPixels").GetInt32() > 2_000, "the timeline canvas is blank");
        Assert.Equal(TimelineSeries, chart.GetProperty("legend").EnumerateArray().Select(name => name.GetString()));
        var points = chart.GetProperty("series").EnumerateArray().ToDictionary(series => series.GetProperty("name").GetString()!, series => series.GetProperty("points").GetInt32());
        Assert.Equal(TimelineSeries, points.Keys);
        Assert.Equal(timeline.GetProperty("states").GetArrayLength(), points["Playback"]);
        Assert.Equal(timeline.GetProperty("adBreaks").GetArrayLength(), points["Ad breaks"]);
        Assert.Equal(timeline.GetProperty("ads").GetArrayLength(), points["Ads"]);
        Assert.Equal(timeline.GetProperty("chapters").GetArrayLength(), points["Chapters"]);
        Assert.Equal(timeline.GetProperty("playerStates").GetArrayLength(), points["Player states"]);
        Assert.Equal(timeline.GetProperty("errors").GetArrayLength(), points["Errors"]);
        Assert.Equal(timeline.GetProperty("playhead").GetArrayLength(), points["Playhead"]);
        Assert.True(points["Bitrate"] >= timeline.GetProperty("bitrate").GetArrayLength());
    }

    /// <summary>The rows shown are the API's page for the same filters, field by field; returns the API's answer.</summary>
    private async Task<JsonElement> AssertListAsync(DashboardPage page, string query)
    {
        var answer = await Api.GetAsync($"/api/v1/sessions?limit={PageSize}" + (query.Length > 0 ? "&" + query : ""));
        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        var shownIds = await page.Page.Locator("[data-testid='session-row']").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.sid)");
        Assert.Equal(rows.Select(row => row.GetProperty("sessionId").GetString()), shownIds);
        var shown = await page.Page.Locator("[data-testid='session-row']").EvaluateAllAsync<Dictionary<string, string>[]>(
            "rows => rows.map(row => Object.fromEntries([...row.querySelectorAll('[data-value]')].map(cell => [cell.dataset.testid.slice(8), cell.getAttribute('data-value')])))");
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var what = row.GetProperty("sessionId").GetString();
            AssertSame(row.GetProperty("firstEventTs"), shown[index]["firstEventTs"], "watched of " + what);
            AssertSame(row.GetProperty("downloaded"), shown[index]["downloaded"], "mode of " + what);
            AssertSame(row.GetProperty("status"), shown[index]["status"], "status of " + what);
            AssertSame(row.GetProperty("eventCount"), shown[index]["eventCount"], "events of " + what);
            AssertSame(row.GetProperty("ignoredEvents"), shown[index]["ignoredEvents"], "ignored events of " + what);
            AssertSame(row.GetProperty("latenessSeconds"), shown[index]["latenessSeconds"], "lateness of " + what);
            var metrics = row.GetProperty("metrics");
            AssertSame(metrics.ValueKind == JsonValueKind.Null ? metrics : metrics.GetProperty("timePlayed"), shown[index]["timePlayed"], "time played of " + what);
        }

        return answer;
    }
}
