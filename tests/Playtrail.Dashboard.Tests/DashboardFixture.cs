using System.Diagnostics;
using Microsoft.Playwright;
using Playtrail.Dashboard.Tests.Browser;
using Playtrail.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Playtrail.Dashboard.Tests;

/// <summary>
/// One server with the generated data set and one headless Chromium, shared by every test of the dashboard
/// collection (making the data takes most of the time, so it is made once).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>The report zone of the test server: not UTC, so report days differ from UTC days.</summary>
    public const string TimeZone = "Europe/Paris";

    private readonly IMessageSink _diagnostics;
    private IPlaywright? _playwright;

    public DashboardFixture(IMessageSink diagnostics) => _diagnostics = diagnostics;

    public ServerInstance Server { get; private set; } = null!;

    public ReportingApi Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Screenshots Screenshots { get; } = new();

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        (_playwright, Browser) = await Chromium.LaunchAsync();
        Log($"Chromium {Browser.Version} from {Chromium.ExecutablePath}");
        Server = await ServerInstance.StartAsync($"Reporting:TimeZone={TimeZone}");
        Api = new ReportingApi(Server.Client);
        await DataSet.CreateAsync(Server, TimeProvider.System);
        Log($"Data set of {DataSet.Sessions} simulated sessions ready in {clock.Elapsed.TotalSeconds:F1} s");
        Log($"Screenshots: {Screenshots.Folder}");
        if (Screenshots.DocumentationFolder is { } docs)
        {
            Log($"Documentation screenshots: {docs}");
        }
    }

    /// <summary>A fresh browser context and page at the server, with console errors collected for the test to check.</summary>
    public async Task<DashboardPage> OpenAsync(string path, ITestOutputHelper output) =>
        await DashboardPage.OpenAsync(Browser, Server.BaseAddress, path, output, Screenshots);

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    private void Log(string message) => _diagnostics.OnMessage(new DiagnosticMessage(message));
}

[CollectionDefinition(Name)]
public sealed class DashboardTestGroup : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard";
}
