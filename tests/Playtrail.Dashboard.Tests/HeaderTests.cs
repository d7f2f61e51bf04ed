using Xunit.Abstractions;

namespace Playtrail.Dashboard.Tests;

/// <summary>The header on every page: navigation, the server's time zone and access mode.</summary>
[Collection(DashboardTestGroup.Name)]
public sealed class HeaderTests(DashboardFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Header_ShowsTheServersTimeZoneAndOpenAccessWarning_AndNavigatesEveryPage()
    {
        var server = await fixture.Api.GetAsync("/api/v1/server");
        await using var page = await fixture.OpenAsync("/", output);

        Assert.Equal(server.GetProperty("timeZone").GetString(), await page.ValueAsync("server-timezone"));
        Assert.Equal(DashboardFixture.TimeZone, await page.ValueAsync("server-timezone"));
        Assert.Equal("open", await page.ValueAsync("server-access"));
        Assert.True(await page.Page.IsVisibleAsync("[data-testid='open-warning']"));
        Assert.Equal(0, await page.Page.Locator("[data-testid='logout']").CountAsync());

        foreach (var (section, path, panel) in new[]
        {
            ("downloaded", "/downloaded", "panel-share"), ("content", "/content", "panel-media"),
            ("sessions", "/sessions", "panel-sessions"), ("overview", "/", "panel-kpis"),
        })
        {
            await page.ActAsync(() => page.Page.ClickAsync($"[data-testid='nav-{section}']"));
            await page.WaitForPanelsAsync(panel);
            Assert.Equal(path, new Uri(page.Page.Url).AbsolutePath);
            Assert.Equal("page", await page.Page.GetAttributeAsync($"[data-testid='nav-{section}']", "aria-current"));
        }
    }

    [Fact]
    public async Task UnknownPath_IsNotADashboardPage()
    {
        using var response = await fixture.Server.Client.GetAsync("/no-such-page");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
