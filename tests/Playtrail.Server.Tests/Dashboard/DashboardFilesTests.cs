using System.Net;

namespace Playtrail.Server.Tests.Dashboard;

/// <summary>The dashboard's files come from the server assembly itself, whatever folder the server runs from.</summary>
public sealed class DashboardFilesTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/downloaded")]
    [InlineData("/content")]
    [InlineData("/content/movie-42")]
    [InlineData("/sessions?downloaded=true")]
    [InlineData("/sessions/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task EveryPageRoute_AnswersTheDashboardPage_WithAContentSecurityPolicy(string path)
    {
        await using var server = await ServerInstance.StartAsync();

        using var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/assets/js/app.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("/assets/js/app.js", "text/javascript")]
    [InlineData("/assets/js/pages/overview.js", "text/javascript")]
    [InlineData("/assets/css/dashboard.css", "text/css")]
    [InlineData("/assets/lib/echarts/echarts.min.js", "text/javascript")]
    [InlineData("/assets/lib/echarts/LICENSE", "text/plain")]
    [InlineData("/assets/lib/echarts/NOTICE", "text/plain")]
    public async Task Assets_AreServedFromTheAssembly_AndRevalidatedByETag(string path, string mediaType)
    {
        await using var server = await ServerInstance.StartAsync();

        using var first = await server.Client.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var again = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.True((await first.Content.ReadAsByteArrayAsync()).Length > 0);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Fact]
    public async Task TheEChartsLicence_ShipsWithIt()
    {
        await using var server = await ServerInstance.StartAsync();

        var licence = await server.Client.GetStringAsync("/assets/lib/echarts/LICENSE");
        var notice = await server.Client.GetStringAsync("/assets/lib/echarts/NOTICE");

        Assert.Contains("Apache License", licence, StringComparison.Ordinal);
        Assert.Contains("Apache ECharts", notice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets/js/missing.js")]
    [InlineData("/not-a-page")]
    [InlineData("/sessions/a/b")]
    public async Task UnknownFilesAndPaths_Are404(string path)
    {
        await using var server = await ServerInstance.StartAsync();

        using var response = await server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task WithKeys_TheAssetsStayOpen_SoTheLoginPageCanUseThem()
    {
        await using var server = await ServerInstance.StartAsync("Reporting:ApiKeys:0=a-long-enough-test-key-1234");

        using var asset = await server.Client.GetAsync("/assets/css/dashboard.css");
        using var page = await server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
