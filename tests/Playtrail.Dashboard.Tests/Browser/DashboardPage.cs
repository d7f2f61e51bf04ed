using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Playtrail.Dashboard.Tests.Browser;

/// <summary>
/// One dashboard tab in its own browser context: waits for panels to finish, reads the raw values behind the
/// numbers, and fails the test on any script error the page logged.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly Screenshots _screenshots;
    private readonly List<string> _errors = [];

    private DashboardPage(IBrowserContext context, IPage page, ITestOutputHelper output, Screenshots screenshots)
    {
        _context = context;
        Page = page;
        _output = output;
        _screenshots = screenshots;
        page.Console += (_, message) =>
        {
            // A page without an icon link (the login page) makes the browser ask for /favicon.ico, which is not served.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                _errors.Add("console: " + message.Text);
            }
        };
        page.PageError += (_, error) => _errors.Add("page error: " + error);
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions expected by the test (a 400 it provoked, say) are allowed.</summary>
    public bool AllowErrors { get; set; }

    public static async Task<DashboardPage> OpenAsync(IBrowser browser, Uri server, string path, ITestOutputHelper output, Screenshots screenshots)
    {
        var dashboard = await OpenWithoutRenderAsync(browser, server, path, output, screenshots);
        await dashboard.WaitForRenderAsync(0);
        return dashboard;
    }

    /// <summary>Opens <paramref name="path"/> without waiting for the dashboard to draw (the login page answers instead when keys are on).</summary>
    public static async Task<DashboardPage> OpenWithoutRenderAsync(IBrowser browser, Uri server, string path, ITestOutputHelper output, Screenshots screenshots)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page, output, screenshots);
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        return dashboard;
    }

    /// <summary>Does something that re-renders the page (a click, a filter) and waits for the new render.</summary>
    public async Task ActAsync(Func<Task> action)
    {
        var before = await RenderCountAsync();
        await action();
        await WaitForRenderAsync(before);
    }

    /// <summary>Goes back in history and waits for the page to draw the previous URL.</summary>
    public Task BackAsync() => ActAsync(() => Page.GoBackAsync());

    /// <summary>Waits for each panel to leave its loading state; a panel in its error state fails with its text.</summary>
    public async Task WaitForPanelsAsync(params string[] testIds)
    {
        foreach (var testId in testIds)
        {
            var panel = Page.Locator($"[data-testid='{testId}']:is([data-state='ready'], [data-state='error'])");
            await panel.WaitForAsync();
            if (await panel.GetAttributeAsync("data-state") == "error")
            {
                Assert.Fail($"Panel {testId} shows an error: {await panel.InnerTextAsync()}");
            }
        }
    }

    /// <summary>The data-value of the element with <paramref name="testId"/> (which must be unique on the page).</summary>
    public async Task<string?> ValueAsync(string testId) => await Page.Locator($"[data-testid='{testId}']").GetAttributeAsync("data-value");

    /// <summary>The data-value of every element matching <paramref name="selector"/>, in document order.</summary>
    public async Task<IReadOnlyList<string?>> ValuesAsync(string selector) =>
        await Page.Locator(selector).EvaluateAllAsync<string?[]>("elements => elements.map(element => element.getAttribute('data-value'))");

    /// <summary>data-value by data-testid of every element whose data-testid starts with <paramref name="prefix"/>.</summary>
    public async Task<Dictionary<string, string?>> ValuesByTestIdAsync(string prefix) =>
        await Page.EvaluateAsync<Dictionary<string, string?>>(
            "prefix => Object.fromEntries([...document.querySelectorAll(`[data-testid^='${prefix}']`)].map(element => [element.dataset.testid, element.getAttribute('data-value')]))",
            prefix);

    /// <summary>The drawn chart's series (name, type, points) and legend, from its ECharts instance.</summary>
    public async Task<JsonElement> ChartAsync(string testId) =>
        await Page.EvaluateAsync<JsonElement>(
            """
            testId => {
              const element = document.querySelector(`[data-testid='${testId}']`);
              const chart = element && echarts.getInstanceByDom(element);
              if (!chart) { return null; }
              const option = chart.getOption();
              const canvas = element.querySelector('canvas');
              let inked = 0;
              if (canvas) {
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                for (let i = 0; i < pixels.length; i += 4) {
                  if (pixels[i + 3] > 0 && (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235)) { inked++; }
                }
              }
              return {
                series: option.series.map(series => ({ name: series.name, type: series.type, points: (series.data ?? []).length })),
                legend: (option.legend?.[0]?.data ?? []).map(item => typeof item === 'string' ? item : item.name),
                canvas: !!canvas,
                inkedPixels: inked,
              };
            }
            """, testId);

    /// <summary>Saves a screenshot of the whole page under the test output (and the documentation folder when asked).</summary>
    public async Task ScreenshotAsync(string name, bool documentation = false)
    {
        var path = await _screenshots.SaveAsync(Page, name, documentation);
        _output.WriteLine($"screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        if (!AllowErrors)
        {
            Assert.True(_errors.Count == 0, "The page logged errors:\n" + string.Join('\n', _errors));
        }
    }

    /// <summary>Waits until the dashboard has drawn more pages than <paramref name="before"/> in this document.</summary>
    public async Task WaitForRenderAsync(int before) =>
        await Page.WaitForFunctionAsync("before => Number(document.body.dataset.renders ?? 0) > before", before);

    private async Task<int> RenderCountAsync() =>
        await Page.EvaluateAsync<int>("() => Number(document.body.dataset.renders ?? 0)");
}
