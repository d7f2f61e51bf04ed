using Microsoft.Playwright;

namespace Playtrail.Dashboard.Tests.Browser;

/// <summary>
/// The distribution's Chromium, driven by Playwright through <c>ExecutablePath</c>: Playwright's own browser
/// download is never used, so the tests run on a machine without network access to a browser CDN.
/// </summary>
public static class Chromium
{
    /// <summary>The environment variable that points the tests at another Chromium binary.</summary>
    public const string PathVariable = "PLAYTRAIL_CHROMIUM";

    /// <summary>Where Debian and Ubuntu's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    // The flags known to start Chromium cleanly as root on a machine without outside network: no sandbox (root), no
    // GPU, and none of the background connections (updates, sync, QUIC) that would fail and slow every start.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    /// <summary>The browser binary: <see cref="PathVariable"/> when set, else <see cref="DefaultPath"/>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>Starts Playwright and a headless Chromium; fails (never skips) with what to install when it is missing.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var path = ExecutablePath;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {path}. The dashboard tests drive the distribution's browser: install it " +
                $"(Debian/Ubuntu: apt-get install chromium) or set {PathVariable} to a Chromium or Chrome binary.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                ChromiumSandbox = false,
                Args = Flags,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
