using System.Net;

namespace Playtrail.Server.Tests.Access;

public sealed class OpenAccessTests
{
    [Fact]
    public async Task WithoutConfiguredKeys_ReportsAreOpenAndLoginGoesStraightToTheDashboard()
    {
        await using var server = await ServerInstance.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var summary = await client.GetAsync("/api/v1/reports/summary");
        using var login = await client.GetAsync("/login?returnUrl=/content");

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/content", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ReportingRead_CarriesServerTiming()
    {
        await using var server = await ServerInstance.StartAsync();

        using var summary = await server.Client.GetAsync("/api/v1/reports/summary");

        var timing = Assert.Single(summary.Headers.GetValues("Server-Timing"));
        Assert.Matches(@"^app;dur=\d+\.\d$", timing);
    }

    [Theory]
    [InlineData("Reporting:TimeZone=Mars/Olympus_Mons", "Reporting:TimeZone")]
    [InlineData("Reporting:ApiKeys:0= padded ", "Reporting:ApiKeys")]
    public async Task BadReportingSettings_StopStartUpNamingTheSetting(string setting, string named)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ServerInstance.StartAsync(setting));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }
}
