using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Ingestion;

public sealed class HttpBehaviourTests : IAsyncLifetime
{
    private ServerInstance _server = null!;

    public async Task InitializeAsync() =>
        _server = await ServerInstance.StartAsync("Ingestion:MaxEventBytes=2048", "Ingestion:MaxDownloadedSessionBytes=65536");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OversizeDownloadedBody_Returns413_AndStoresNothing()
    {
        using var response = await _server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(2_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task OversizeSingleEvent_Returns413_EvenUnderTheDownloadedLimit()
    {
        var padding = string.Join(",", Enumerable.Range(0, 200).Select(i => $"\"k{i}\": \"value-{i}\""));
        var json = Samples.SessionStart(1_000).Replace("\"cms.section\": \"films\"", padding, StringComparison.Ordinal);

        using var response = await _server.PostJsonAsync("/api/v1/sessions", json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/sessions")]
    [InlineData("/api/v1/downloaded")]
    public async Task ChunkSizeThatOverflows_Returns400Problem_AndStoresNothing(string path)
    {
        // Written on a raw socket: HttpClient cannot send a broken chunk size.
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = client.GetStream();
        var request = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n" +
            "Connection: close\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", answer, StringComparison.Ordinal);
        Assert.Contains("bodyFraming", answer, StringComparison.Ordinal);
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task GzipOversize_IsCutOffByItsDecodedSize()
    {
        using var content = Gzip(Samples.LongDownloaded(2_000));

        using var response = await _server.Client.PostAsync("/api/v1/downloaded", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task GzipBody_IsAccepted()
    {
        using var content = Gzip(Samples.SeedDownloaded());

        using var response = await _server.Client.PostAsync("/api/v1/downloaded", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(6, _server.Count("events"));
    }

    [Fact]
    public async Task BodyWithUtf8ByteOrderMark_IsAccepted()
    {
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Samples.SeedDownloaded())]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await _server.Client.PostAsync("/api/v1/sessions", content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task NonJsonContentType_Returns415()
    {
        using var content = new StringContent(Samples.SeedDownloaded(), Encoding.UTF8, "text/plain");

        using var response = await _server.Client.PostAsync("/api/v1/downloaded", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task MalformedJson_Returns400_WithJsonRule()
    {
        using var response = await _server.PostJsonAsync("/api/v1/sessions", "{\"eventType\": ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("json", Assert.Single(await DownloadedIngestionTests.ProblemErrors(response)).Rule);
    }

    [Fact]
    public async Task EmptyBody_Returns400_SayingItIsEmpty()
    {
        using var response = await _server.PostJsonAsync("/api/v1/sessions", "  \n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single(await DownloadedIngestionTests.ProblemErrors(response));
        Assert.Equal("json", error.Rule);
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_CarryTheCorsHeadersOfTheRealApi()
    {
        using var response = await _server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(1_000));

        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("OPTIONS,POST,PUT", Header(response, "Access-Control-Allow-Methods"));
        Assert.Equal("Content-Type", Header(response, "Access-Control-Allow-Headers"));
        Assert.Equal("Location", Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Preflight_IsAnsweredWithoutABody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/sessions");
        request.Headers.Add("Origin", "https://player.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type, idempotency-key");

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("Content-Type,idempotency-key", Header(response, "Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task ValidateOnly_AnswersAsItWould_ButStoresNothing()
    {
        var before = _server.Fingerprint();

        using var valid = await _server.PostJsonAsync("/api/v1/downloaded?validate=true", Samples.SeedDownloaded());
        using var invalid = await _server.PostJsonAsync("/api/v1/sessions?validate=true", Samples.SeedDownloaded(withDownloadedFlag: false));

        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        Assert.Null(valid.Headers.Location);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(before, _server.Fingerprint());
    }

    [Fact]
    public async Task ValidateFlag_ThatIsNotABoolean_IsRefused_AndNothingIsStored()
    {
        using var response = await _server.PostJsonAsync("/api/v1/downloaded?validate=yes-please", Samples.SeedDownloaded());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task ValidateOnly_OnEvents_ChecksTheSession_ButStoresNothing()
    {
        var sessionId = await _server.StartSessionAsync();

        using var valid = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events?validate=1", Samples.Event("play", 0, 1_700_000_001_000));
        using var unknown = await _server.PostJsonAsync($"/api/v1/sessions/{new string('b', 64)}/events?validate=true", Samples.Event("play", 0, 1));

        Assert.Equal(HttpStatusCode.NoContent, valid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, _server.Count("events"));
    }

    [Fact]
    public async Task Health_AnswersWhenTheStoreDoes()
    {
        using var response = await _server.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_CountRequestsByRouteTemplate_AndStoredData()
    {
        var sessionId = await _server.StartSessionAsync();
        using var play = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("play", 0, 1_700_000_001_000));
        using var rejected = await _server.PostJsonAsync("/api/v1/downloaded", "[]");

        var text = await _server.Client.GetStringAsync("/metrics");

        Assert.Contains("playtrail_http_requests_total{route=\"POST /api/v1/sessions/{sid}/events\",status=\"204\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("playtrail_sessions_created_total{kind=\"online\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("playtrail_events_stored_total{kind=\"online\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("playtrail_payloads_rejected_total{} 1", text, StringComparison.Ordinal);
        Assert.Matches(@"playtrail_store_commits_total\{\} [1-9]", text);
        Assert.DoesNotContain(sessionId, text, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    private static ByteArrayContent Gzip(string json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        var content = new ByteArrayContent(output.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }
}
