using Microsoft.Playwright;
using Playtrail.Dashboard.Tests.Browser;
using Playtrail.Testing;
using Xunit.Abstractions;

namespace Playtrail.Dashboard.Tests;

/// <summary>With API keys configured: pages send people to the login page, and the header offers to sign out.</summary>
[Collection(DashboardTestGroup.Name)]
public sealed class AccessTests(DashboardFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "dashboard-test-key-0123456789";

    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync($"Reporting:ApiKeys:0={Key}");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WithKeys_APageAsksForTheKey_ThenShowsTheDashboardWithSignOut()
    {
        await using var page = await DashboardPage.OpenWithoutRenderAsync(fixture.Browser, _server.BaseAddress, "/sessions?downloaded=true", output, fixture.Screenshots);
        // The page itself answers 401 with the login form, which the browser logs as a failed load.
        page.AllowErrors = true;
        Assert.Equal("/sessions", new Uri(page.Page.Url).AbsolutePath);

        await LogInAsync(page, "/sessions");

        await page.WaitForPanelsAsync("panel-sessions");
        Assert.EndsWith("/sessions?downloaded=true", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal("keys", await page.ValueAsync("server-access"));
        Assert.Equal(0, await page.Page.Locator("[data-testid='open-warning']").CountAsync());
        await page.ScreenshotAsync("access-keys");

        await page.Page.ClickAsync("[data-testid='logout']");
        await page.Page.WaitForSelectorAsync("input[name='key']");
        Assert.Equal("/login", new Uri(page.Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task WithKeys_ALoginThatEndsWhileThePageIsOpen_SendsTheNextApiCallToTheLoginPage()
    {
        await using var page = await DashboardPage.OpenWithoutRenderAsync(fixture.Browser, _server.BaseAddress, "/", output, fixture.Screenshots);
        await LogInAsync(page, "/");
        await page.WaitForPanelsAsync("panel-kpis");
        page.AllowErrors = true;

        await page.Page.Context.ClearCookiesAsync();
        await page.Page.ClickAsync("[data-testid='nav-content']");

        await page.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login");
        Assert.Equal("/content", System.Web.HttpUtility.ParseQueryString(new Uri(page.Page.Url).Query)["returnUrl"]);
        await page.Page.WaitForSelectorAsync("input[name='key']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
    }

    /// <summary>Submits the login form (the lead's page) and waits for the dashboard page it returns to.</summary>
    private static async Task LogInAsync(DashboardPage page, string path)
    {
        await page.Page.FillAsync("input[name='key']", Key);
        await page.Page.ClickAsync("button[type='submit']");
        await page.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await page.WaitForRenderAsync(0);
    }
}
