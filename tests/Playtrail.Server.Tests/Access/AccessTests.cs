using System.Net;
using System.Text.Json;

namespace Playtrail.Server.Tests.Access;

/// <summary>Reporting keys through real HTTP: what is closed without a key, what stays open, and the login cookie.</summary>
public sealed class AccessTests : IAsyncLifetime
{
    private const string Key = "k3y-for-the-reporting-tests-0123456789";
    private const string OtherKey = "another-key-also-configured-9876543210";

    private ServerInstance _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerInstance.StartAsync($"Reporting:ApiKeys:0={Key}", $"Reporting:ApiKeys:1={OtherKey}");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/reports/summary")]
    [InlineData("/api/v1/sessions/0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/api/v1/sessions/0000000000000000000000000000000000000000000000000000000000000000/calls")]
    public async Task ReportingRoute_WithoutKey_Answers401ProblemWithBearerChallenge(string path)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unauthorized", problem.RootElement.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task DashboardPage_WithoutKey_Answers401WithTheLoginForm()
    {
        using var response = await _server.Client.GetAsync("/sessions?status=active");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/login\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"/sessions?status=active\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Key)]
    [InlineData(OtherKey)]
    public async Task ReportingRoute_WithAnyConfiguredBearerKey_Answers200(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary");
        request.Headers.Authorization = new("Bearer", key);

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Bearer k3y-for-the-reporting-tests-012345678")]
    [InlineData("Bearer k3y-for-the-reporting-tests-01234567890")]
    [InlineData("Basic azN5LWZvci10aGU=")]
    [InlineData("Bearer ")]
    public async Task ReportingRoute_WithAWrongOrMalformedKey_Answers401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ingestion_SchemasAndHealth_StayOpenWithoutKey()
    {
        using var created = await _server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(1_700_000_000_000));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var downloaded = await _server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded());
        Assert.Equal(HttpStatusCode.Created, downloaded.StatusCode);
        using var health = await _server.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var schema = await _server.Client.GetAsync("/api/v1/schemas/ping");
        Assert.Equal(HttpStatusCode.OK, schema.StatusCode);
        using var login = await _server.Client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Login_WithAConfiguredKey_SetsAStrictHttpOnlyCookieThatOpensReports()
    {
        using var client = NoRedirectClient();
        using var response = await client.PostAsync("/login", Form(Key, "/content?sort=starts"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/content?sort=starts", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("playtrail_login=v1.", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var summary = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
    }

    [Fact]
    public async Task Login_WithAWrongKey_Answers401WithTheFormAndNoCookie()
    {
        using var client = NoRedirectClient();
        using var response = await client.PostAsync("/login", Form("not-a-key", "/"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("data-testid=\"login-error\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task Login_ToAReturnAddressOffThisServer_GoesToTheOverviewInstead(string returnUrl)
    {
        using var client = NoRedirectClient();
        using var response = await client.PostAsync("/login", Form(Key, returnUrl));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ForgedCookie_Answers401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/summary");
        request.Headers.Add("Cookie", "playtrail_login=v1.99999999999.00000000.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Logout_ClearsTheCookie()
    {
        using var client = NoRedirectClient();
        using var response = await client.PostAsync("/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("playtrail_login=;", cookie, StringComparison.Ordinal);
        Assert.Contains("expires=Thu, 01 Jan 1970", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient NoRedirectClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.BaseAddress };

    private static FormUrlEncodedContent Form(string key, string returnUrl) =>
        new([new("key", key), new("returnUrl", returnUrl)]);
}
