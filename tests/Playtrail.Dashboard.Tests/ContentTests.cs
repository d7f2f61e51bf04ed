using System.Text.Json;
using Playtrail.Dashboard.Tests.Browser;
using Xunit.Abstractions;
using static Playtrail.Dashboard.Tests.ReportingApi;

namespace Playtrail.Dashboard.Tests;

/// <summary>The content ranking (sorted by a header click, paged) and one title's page, against the API.</summary>
[Collection(DashboardTestGroup.Name)]
public sealed class ContentTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private const int PageSize = 20;
    private static readonly string[] Columns = ["starts", "contentStarts", "completes", "completionRate", "timePlayed", "averageMinuteAudience"];

    private ReportingApi Api => fixture.Api;

    [Fact]
    public async Task Content_SortsByTheClickedHeader_AndPages_AsTheApiRanks()
    {
        await using var page = await fixture.OpenAsync("/content", output);
        await page.WaitForPanelsAsync("panel-media");
        await AssertRankingAsync(page, "timePlayed", "desc", 0, "");
        await page.ScreenshotAsync("content", documentation: true);

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='sort-starts']"));
        await page.WaitForPanelsAsync("panel-media");
        Assert.Contains("sort=starts", page.Page.Url, StringComparison.Ordinal);
        await AssertRankingAsync(page, "starts", "desc", 0, "");

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='sort-starts']"));
        await page.WaitForPanelsAsync("panel-media");
        await AssertRankingAsync(page, "starts", "asc", 0, "");
        Assert.Equal("ascending", await page.Page.Locator("th", new() { Has = page.Page.Locator("[data-testid='sort-starts']") }).GetAttributeAsync("aria-sort"));

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='sort-completionRate']"));
        await page.WaitForPanelsAsync("panel-media");
        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='page-next']"));
        await page.WaitForPanelsAsync("panel-media");
        Assert.Contains("page=2", page.Page.Url, StringComparison.Ordinal);
        await AssertRankingAsync(page, "completionRate", "desc", PageSize, "");

        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-downloaded']", "true"));
        await page.WaitForPanelsAsync("panel-media");
        Assert.DoesNotContain("page=", page.Page.Url, StringComparison.Ordinal);
        await AssertRankingAsync(page, "completionRate", "desc", 0, "downloaded=true");
    }

    [Fact]
    public async Task Title_FromTheRanking_ShowsItsTotalsAndItsTrendPerDay()
    {
        await using var page = await fixture.OpenAsync("/content", output);
        await page.WaitForPanelsAsync("panel-media");
        var first = page.Page.Locator("[data-testid='media-row']").First;
        var mediaId = await first.GetAttributeAsync("data-key");

        await page.ActAsync(() => first.Locator("[data-testid='media-link']").ClickAsync());

        await page.WaitForPanelsAsync("panel-title-totals", "panel-title-trend");
        Assert.EndsWith("/content/" + Uri.EscapeDataString(mediaId!), page.Page.Url, StringComparison.Ordinal);
        var row = Assert.Single((await Api.GetAsync($"/api/v1/reports/summary?groupBy=media&mediaId={Uri.EscapeDataString(mediaId!)}")).GetProperty("rows").EnumerateArray().ToList());
        foreach (var field in new[] { "starts", "contentStarts", "completes", "completionRate", "timePlayed", "averageMinuteAudience", "downloadedSessions", "bufferRatio" })
        {
            AssertSame(row.GetProperty(field), await page.ValueAsync("title-" + field), field);
        }

        Assert.Equal(row.GetProperty("name").GetString() ?? mediaId, await page.Page.InnerTextAsync("[data-testid='title-name']"));
        var trend = await Api.GetAsync($"/api/v1/reports/summary?groupBy=day&mediaId={Uri.EscapeDataString(mediaId!)}");
        var days = trend.GetProperty("rows").EnumerateArray().ToDictionary(day => day.GetProperty("key").GetString()!);
        var shown = await page.ValuesByTestIdAsync("trend-");
        Assert.Equal(Days(trend).Count * 2, shown.Count);
        foreach (var day in Days(trend))
        {
            AssertSame(days.TryGetValue(day, out var dayRow) ? dayRow.GetProperty("starts").GetDouble() : 0, shown[$"trend-{day}-starts"], "starts on " + day);
            AssertSame(days.TryGetValue(day, out dayRow) ? dayRow.GetProperty("timePlayed").GetDouble() : 0, shown[$"trend-{day}-timePlayed"], "time played on " + day);
        }

        await page.ScreenshotAsync("content-title");
        await page.BackAsync();
        await page.WaitForPanelsAsync("panel-media");
        Assert.EndsWith("/content", page.Page.Url, StringComparison.Ordinal);
    }

    private async Task AssertRankingAsync(DashboardPage page, string sort, string order, int offset, string query)
    {
        var answer = await Api.GetAsync($"/api/v1/reports/summary?groupBy=media&sort={sort}&order={order}&limit={PageSize}&offset={offset}" + (query.Length > 0 ? "&" + query : ""));
        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        var shownKeys = await page.Page.Locator("[data-testid='media-row']").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.key)");
        Assert.Equal(rows.Select(row => row.GetProperty("key").GetString()), shownKeys);
        AssertSame(answer.GetProperty("totalRows"), await page.ValueAsync("media-total"), "titles in all");
        var shown = await page.Page.Locator("[data-testid='media-row']").EvaluateAllAsync<Dictionary<string, string>[]>(
            "rows => rows.map(row => Object.fromEntries([...row.querySelectorAll('[data-value]')].map(cell => [cell.dataset.testid.slice(6), cell.getAttribute('data-value')])))");
        for (var index = 0; index < rows.Count; index++)
        {
            foreach (var column in Columns)
            {
                AssertSame(Field(rows[index], column), shown[index][column], $"{column} of {rows[index].GetProperty("key")}");
            }
        }
    }

    private static List<string> Days(JsonElement answer) =>
        ReportingApi.Days(answer.GetProperty("from").GetString()!, answer.GetProperty("to").GetString()!);
}
