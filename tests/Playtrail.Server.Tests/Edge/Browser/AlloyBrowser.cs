using Microsoft.Playwright;

namespace Playtrail.Server.Tests.Edge.Browser;

/// <summary>
/// A Playtrail server on HTTPS and the distribution's headless Chromium, with the real @adobe/alloy in a page of
/// <c>https://player.playtrail.test</c> whose edge domain, <c>edge.playtrail.test</c>, resolves to the server: alloy
/// talks to Playtrail exactly as it would to the Edge Network, over TLS on a name without a port.
/// </summary>
public sealed class AlloyBrowser : IAsyncLifetime
{
    public const string PageOrigin = "https://player.playtrail.test";
    public const string ConfigId = "playtrail-browser";
    public const string OrgId = "0123456789ABCDEF01234567@AdobeOrg";

    private const string PageHtml = """
        <!doctype html>
        <html><head><meta charset="utf-8"><title>Playtrail Edge player</title>
        <script>
          // alloy's loading stub: calls made before the library arrives are queued and replayed by it.
          (function (w, name) {
            (w.__alloyNS = w.__alloyNS || []).push(name);
            w[name] = function () {
              var args = arguments;
              return new Promise(function (resolve, reject) { w[name].q.push([resolve, reject, args]); });
            };
            w[name].q = [];
          })(window, "alloy");
        </script>
        <script src="/alloy.min.js" async></script>
        </head><body><p>player</p></body></html>
        """;

    // As in the dashboard tests: no sandbox (root), no GPU, no background connections.
    private static readonly string[] Flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private byte[] _alloy = null!;

    public ServerInstance Server { get; private set; } = null!;

    internal EdgeClient Edge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var directory = ServerInstance.NewDirectory();
        var (certificatePath, keyPath, thumbprint) = TestCertificate.WritePem(directory);
        Server = await ServerInstance.StartInAsync(directory,
        [
            $"Edge:Datastreams:{ConfigId}:ReportSuite=browserrsid",
            $"Edge:Datastreams:{ConfigId}:TrackingServer=browser.sc.omtrdc.net",
            $"Edge:Datastreams:{ConfigId}:OrgId={OrgId}",
            $"Edge:AllowedOrigins:0={PageOrigin}",
            "urls=https://127.0.0.1:0",
            $"Kestrel:Certificates:Default:Path={certificatePath}",
            $"Kestrel:Certificates:Default:KeyPath={keyPath}",
        ]);
        Edge = new EdgeClient(Server, new HttpClient(new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        }) { BaseAddress = Server.BaseAddress });
        _alloy = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Edge", "Browser", "alloy", "alloy.min.js"));

        var chromium = Environment.GetEnvironmentVariable("PLAYTRAIL_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {chromium}. The alloy tests drive the distribution's browser: install it " +
                "(Debian/Ubuntu: apt-get install chromium) or set PLAYTRAIL_CHROMIUM to a Chromium or Chrome binary.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            ChromiumSandbox = false,
            Timeout = 60_000,
            Args =
            [
                .. Flags,
                // alloy builds https://edge.playtrail.test/... with no port: the name is mapped to the server's loopback port.
                $"--host-resolver-rules=MAP {TestCertificate.HostName} 127.0.0.1:{Server.BaseAddress.Port}",
                "--ignore-certificate-errors",
                // The page's origin is not loopback; newer Chromium would otherwise ask before a public page calls loopback.
                "--disable-features=LocalNetworkAccessChecks",
            ],
        });
    }

    /// <summary>A fresh browser context (own cookies) with the player page open and alloy loaded.</summary>
    public async Task<IPage> OpenPlayerAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        await context.RouteAsync(PageOrigin + "/**", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            await (path == "/alloy.min.js"
                ? route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "application/javascript", BodyBytes = _alloy })
                : route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = PageHtml }));
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(PageOrigin + "/player.html");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AlloyBrowserGroup : ICollectionFixture<AlloyBrowser>
{
    public const string Name = "Alloy browser";
}
