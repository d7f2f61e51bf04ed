using System.Net;
using Microsoft.Extensions.Options;
using Playtrail.Testing.Edge;

namespace Playtrail.Server.Tests.Edge;

/// <summary>CORS, base path and configuration of the Edge routes.</summary>
public sealed class EdgeHttpTests : IAsyncLifetime
{
    private const string PageView = """{"events": [{"xdm": {"eventType": "web.webpagedetails.pageViews", "timestamp": "2026-12-04T15:22:50.000Z"}}]}""";

    private ServerInstance _server = null!;
    private EdgeClient _edge = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync(EdgeClient.Settings);
        _edge = new EdgeClient(_server);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task AllowedOrigin_IsEchoedWithCredentials_AsAlloyNeeds()
    {
        using var response = await _edge.PostAsync("/ee/v1/interact", AlloyCapture.Seq(1).Body, origin: EdgeClient.PageOrigin);

        Assert.Equal(EdgeClient.PageOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Fact]
    public async Task OtherOrigin_GetsNoCorsGrant()
    {
        using var response = await _edge.PostAsync("/ee/v1/interact", PageView, origin: "https://elsewhere.example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_FromAnAllowedOrigin_IsGranted()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/ee/pt1/va/v1/play");
        request.Headers.Add("Origin", EdgeClient.PageOrigin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(EdgeClient.PageOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CollectionApiRoutes_KeepTheirOpenCors()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions") { Content = ServerInstance.Json(Samples.SessionStart(1_700_000_000_000)) };
        request.Headers.Add("Origin", EdgeClient.PageOrigin);

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task ConfiguredBasePath_ServesTheRoutesThere_AndNotUnderEe()
    {
        await using var server = await ServerInstance.StartAsync([.. EdgeClient.Settings, "Edge:BasePath=media/edge"]);
        var edge = new EdgeClient(server);

        using var moved = await edge.PostAsync("/media/edge/v1/interact", AlloyCapture.Seq(21).Body);
        using var hinted = await edge.PostAsync("/media/edge/pt1/v1/interact", PageView);
        using var old = await edge.PostAsync("/ee/v1/interact", PageView);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hinted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        Assert.Equal(1, server.Count("sessions"));
    }

    [Theory]
    [InlineData("Edge:AllowedOrigins:0=*")]
    [InlineData("Edge:Datastreams:broken:ReportSuite=rs")]
    [InlineData("Edge:BasePath=/")]
    public async Task WrongEdgeSettings_FailStartUp(string setting)
    {
        await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var server = await ServerInstance.StartAsync(setting);
        });
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
