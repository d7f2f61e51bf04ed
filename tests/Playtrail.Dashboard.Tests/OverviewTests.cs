using System.Text.Json;
using Playtrail.Dashboard.Tests.Browser;
using Xunit.Abstractions;
using static Playtrail.Dashboard.Tests.ReportingApi;

namespace Playtrail.Dashboard.Tests;

/// <summary>The overview page shows the reporting API's numbers for the URL's query, and follows its filters.</summary>
[Collection(DashboardTestGroup.Name)]
public sealed class OverviewTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Panels = ["panel-kpis", "panel-daily", "panel-funnel", "panel-qoe", "panel-active"];
    private static readonly string[] Kpis = ["starts", "contentStarts", "completes", "completionRate", "timePlayed", "averageMinuteAudience", "adStarts", "downloadedSessions"];
    private static readonly string[] Qoe = ["averageTimeToStart", "bufferRatio", "averageBitrate", "errorsPerSession", "errorSessions", "stallCount"];
    private static readonly string[] Funnel = ["starts", "contentStarts", "progress25", "progress50", "progress75", "progress95", "completes"];

    private ReportingApi Api => fixture.Api;

    [Fact]
    public async Task Overview_ShowsTheApisTotalsDaysFunnelQualityAndOpenSessions()
    {
        await using var page = await fixture.OpenAsync("/", output);

        await page.WaitForPanelsAsync(Panels);

        await AssertOverviewAsync(page, new Dictionary<string, string>(), "timePlayed");
        var active = await Api.GetAsync("/api/v1/reports/active");
        AssertSame(active.GetProperty("active"), await page.ValueAsync("active-total"), "open sessions");
        Assert.Equal(DataSet.OpenSessions, active.GetProperty("active").GetInt64());
        var daily = await page.ChartAsync("chart-daily");
        Assert.Equal(["Online", "Downloaded"], daily.GetProperty("series").EnumerateArray().Select(series => series.GetProperty("name").GetString()));
        Assert.True(daily.GetProperty("inkedPixels").GetInt32() > 500, "the per-day chart drew nothing");
        await page.ScreenshotAsync("overview", documentation: true);
    }

    [Fact]
    public async Task Overview_EachFilter_ShowsTheApisFilteredNumbers_AndBackRestoresThePreviousView()
    {
        await using var page = await fixture.OpenAsync("/", output);
        await page.WaitForPanelsAsync(Panels);
        var unfiltered = await page.ValueAsync("kpi-starts");

        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-contentType']", "vod"));
        await page.WaitForPanelsAsync(Panels);
        Assert.Contains("contentType=vod", page.Page.Url, StringComparison.Ordinal);
        await AssertOverviewAsync(page, new() { ["contentType"] = "vod" }, "timePlayed");
        Assert.NotEqual(unfiltered, await page.ValueAsync("kpi-starts"));

        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-downloaded']", "true"));
        await page.WaitForPanelsAsync(Panels);
        await AssertOverviewAsync(page, new() { ["contentType"] = "vod", ["downloaded"] = "true" }, "timePlayed");

        var total = await Api.GetAsync("/api/v1/reports/summary?groupBy=total");
        var from = DateOnly.Parse(total.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture).AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.ActAsync(() => page.Page.FillAsync("[data-testid='filter-from']", from));
        await page.WaitForPanelsAsync(Panels);
        await AssertOverviewAsync(page, new() { ["contentType"] = "vod", ["downloaded"] = "true", ["from"] = from }, "timePlayed");

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='daily-measure-starts']"));
        await page.WaitForPanelsAsync(Panels);
        await AssertOverviewAsync(page, new() { ["contentType"] = "vod", ["downloaded"] = "true", ["from"] = from }, "starts");
        await page.ScreenshotAsync("overview-filtered");

        await page.BackAsync();
        await page.BackAsync();
        await page.BackAsync();
        await page.WaitForPanelsAsync(Panels);
        Assert.EndsWith("/?contentType=vod", page.Page.Url, StringComparison.Ordinal);
        await AssertOverviewAsync(page, new() { ["contentType"] = "vod" }, "timePlayed");
        Assert.Equal("vod", await page.Page.InputValueAsync("[data-testid='filter-contentType']"));
    }

    [Fact]
    public async Task Overview_WithAnInvalidDay_ShowsTheProblemDocumentsDetailInEachPanel()
    {
        await using var page = await fixture.OpenAsync("/?from=2026-02-30", output);
        page.AllowErrors = true;

        var error = page.Page.Locator("[data-testid='panel-kpis-error']");
        await error.WaitForAsync();

        using var response = await fixture.Server.Client.GetAsync("/api/v1/reports/summary?groupBy=total&from=2026-02-30");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var text = await error.InnerTextAsync();
        Assert.Contains(problem.GetProperty("detail").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains("400", text, StringComparison.Ordinal);
        Assert.Equal("error", await page.Page.GetAttributeAsync("[data-testid='panel-funnel']", "data-state"));
        await page.ScreenshotAsync("overview-error");
    }

    /// <summary>Every number of the overview against the API, for the query the URL holds.</summary>
    private async Task AssertOverviewAsync(DashboardPage page, Dictionary<string, string> filters, string measure)
    {
        var query = string.Join('&', filters.Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));
        var answer = await Api.GetAsync("/api/v1/reports/summary?groupBy=total" + (query.Length > 0 ? "&" + query : ""));
        var total = Assert.Single(answer.GetProperty("rows").EnumerateArray().ToList());
        foreach (var field in Kpis)
        {
            AssertSame(Field(total, field), await page.ValueAsync("kpi-" + field), "kpi " + field);
        }

        foreach (var field in Qoe)
        {
            AssertSame(Field(total, field), await page.ValueAsync("qoe-" + field), "qoe " + field);
        }

        foreach (var field in Funnel)
        {
            AssertSame(Field(total, field), await page.ValueAsync("funnel-" + field), "funnel " + field);
        }

        // The per-day stacks: one API call per kind, as the page makes them; a day without a row is 0.
        var shown = await page.ValuesByTestIdAsync("daily-");
        var days = Days(answer.GetProperty("from").GetString()!, answer.GetProperty("to").GetString()!);
        var kinds = filters.GetValueOrDefault("downloaded") switch { "true" => ["downloaded"], "false" => ["online"], _ => new[] { "online", "downloaded" } };
        var others = string.Join('&', filters.Where(pair => pair.Key != "downloaded").Select(pair => $"{pair.Key}={Uri.EscapeDataString(pair.Value)}"));
        foreach (var kind in kinds)
        {
            var rows = await Api.RowsByKeyAsync($"groupBy=day&downloaded={(kind == "downloaded" ? "true" : "false")}" + (others.Length > 0 ? "&" + others : ""));
            Assert.All(rows.Keys, day => Assert.Contains(day, days));
            foreach (var day in days)
            {
                var expected = rows.TryGetValue(day, out var row) ? row.GetProperty(measure).GetDouble() : 0;
                AssertSame(expected, shown.GetValueOrDefault($"daily-{kind}-{day}"), $"{kind} {measure} on {day}");
            }
        }

        Assert.Equal(days.Count * kinds.Length, shown.Keys.Count(key => key.StartsWith("daily-online-", StringComparison.Ordinal) || key.StartsWith("daily-downloaded-", StringComparison.Ordinal)));
    }
}
