using Playtrail.Dashboard.Tests.Browser;
using Xunit.Abstractions;
using static Playtrail.Dashboard.Tests.ReportingApi;

namespace Playtrail.Dashboard.Tests;

/// <summary>The downloaded page: shares, lateness, arrivals and upload outcomes, each as the API answers them.</summary>
[Collection(DashboardTestGroup.Name)]
public sealed class DownloadedTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] Panels = ["panel-share", "panel-lateness", "panel-arrivals", "panel-uploads"];

    private ReportingApi Api => fixture.Api;

    [Fact]
    public async Task Downloaded_ShowsTheApisSharesLatenessArrivalsAndUploads()
    {
        await using var page = await fixture.OpenAsync("/downloaded", output);

        await page.WaitForPanelsAsync(Panels);

        await AssertSharesAndLatenessAsync(page, "");
        var arrivals = await Api.GetAsync("/api/v1/reports/arrivals");
        var cells = arrivals.GetProperty("cells").EnumerateArray().ToList();
        Assert.NotEmpty(cells);
        var shown = await page.ValuesByTestIdAsync("arrival-");
        Assert.Equal(cells.Count * 2, shown.Count);
        foreach (var cell in cells)
        {
            var key = $"arrival-{cell.GetProperty("watched").GetString()}-{cell.GetProperty("received").GetString()}";
            AssertSame(cell.GetProperty("sessions"), shown[key + "-sessions"], key);
            AssertSame(cell.GetProperty("timePlayed"), shown[key + "-timePlayed"], key);
        }

        var uploads = (await Api.GetAsync("/api/v1/reports/uploads")).GetProperty("rows").EnumerateArray().ToList();
        var uploadValues = await page.ValuesByTestIdAsync("uploads-");
        foreach (var row in uploads)
        {
            var day = row.GetProperty("day").GetString();
            foreach (var outcome in new[] { "accepted", "repeated", "refused" })
            {
                AssertSame(row.GetProperty(outcome), uploadValues[$"uploads-{day}-{outcome}"], $"{outcome} on {day}");
            }

            foreach (var reason in row.GetProperty("refusedBy").EnumerateObject())
            {
                AssertSame(reason.Value, uploadValues[$"uploads-{day}-refused-{reason.Name}"], $"{reason.Name} on {day}");
            }
        }

        AssertSame(uploads.Sum(row => row.GetProperty("repeated").GetDouble()), uploadValues["uploads-repeated"], "repeated uploads");
        AssertSame(DataSet.RefusedUploads, uploadValues["uploads-refused"], "refused uploads");
        var refusedByReason = uploads.SelectMany(row => row.GetProperty("refusedBy").EnumerateObject()).GroupBy(reason => reason.Name);
        foreach (var reason in refusedByReason)
        {
            AssertSame(reason.Sum(entry => entry.Value.GetDouble()), uploadValues[$"uploads-refused-{reason.Key}"], "refused by " + reason.Key);
        }

        var heatmap = await page.ChartAsync("chart-arrivals");
        Assert.Equal(cells.Count, heatmap.GetProperty("series")[0].GetProperty("points").GetInt32());
        await page.ScreenshotAsync("downloaded", documentation: true);
    }

    [Fact]
    public async Task Downloaded_ContentTypeAndLastSevenDays_ShowTheApisFilteredSharesAndLateness()
    {
        await using var page = await fixture.OpenAsync("/downloaded", output);
        await page.WaitForPanelsAsync(Panels);

        await page.ActAsync(() => page.Page.SelectOptionAsync("[data-testid='filter-contentType']", "vod"));
        await page.WaitForPanelsAsync(Panels);
        await AssertSharesAndLatenessAsync(page, "contentType=vod");

        await page.ActAsync(() => page.Page.ClickAsync("[data-testid='filter-last-7']"));
        await page.WaitForPanelsAsync(Panels);
        // The server's default range ends today in its zone: the last 7 days are that day and the 6 before.
        var to = (await Api.GetAsync("/api/v1/reports/summary?groupBy=total")).GetProperty("to").GetString()!;
        var from = DateOnly.ParseExact(to, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).AddDays(-6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"from={from}&to={to}", page.Page.Url, StringComparison.Ordinal);
        await AssertSharesAndLatenessAsync(page, $"contentType=vod&from={from}&to={to}");
        Assert.Equal("true", await page.Page.GetAttributeAsync("[data-testid='filter-last-7']", "aria-pressed"));
    }

    private async Task AssertSharesAndLatenessAsync(DashboardPage page, string query)
    {
        var rows = await Api.RowsByKeyAsync("groupBy=downloaded" + (query.Length > 0 ? "&" + query : ""));
        var downloaded = rows["downloaded"];
        var online = rows["online"];
        AssertSame(downloaded.GetProperty("starts"), await page.ValueAsync("share-sessions-downloaded"), "downloaded sessions");
        AssertSame(online.GetProperty("starts"), await page.ValueAsync("share-sessions-online"), "online sessions");
        AssertSame(downloaded.GetProperty("timePlayed"), await page.ValueAsync("share-time-downloaded"), "downloaded time played");
        AssertSame(online.GetProperty("timePlayed"), await page.ValueAsync("share-time-online"), "online time played");
        var (d, o) = (downloaded.GetProperty("starts").GetDouble(), online.GetProperty("starts").GetDouble());
        AssertSame(d / (d + o), await page.ValueAsync("share-sessions-ratio"), "downloaded share of sessions");
        var (dt, ot) = (downloaded.GetProperty("timePlayed").GetDouble(), online.GetProperty("timePlayed").GetDouble());
        AssertSame(dt / (dt + ot), await page.ValueAsync("share-time-ratio"), "downloaded share of time played");

        var lateness = downloaded.GetProperty("lateness");
        AssertSame(lateness.GetProperty("sessions"), await page.ValueAsync("lateness-sessions"), "late sessions");
        AssertSame(lateness.GetProperty("p50"), await page.ValueAsync("lateness-p50"), "lateness p50");
        AssertSame(lateness.GetProperty("p95"), await page.ValueAsync("lateness-p95"), "lateness p95");
        var buckets = await page.ValuesByTestIdAsync("lateness-bucket-");
        Assert.Equal(lateness.GetProperty("buckets").GetArrayLength(), buckets.Count);
        foreach (var bucket in lateness.GetProperty("buckets").EnumerateArray())
        {
            Assert.Contains(buckets, shown => double.Parse(shown.Key["lateness-bucket-".Length..], System.Globalization.CultureInfo.InvariantCulture) == bucket.GetProperty("le").GetDouble()
                && double.Parse(shown.Value!, System.Globalization.CultureInfo.InvariantCulture) == bucket.GetProperty("sessions").GetDouble());
        }
    }
}
