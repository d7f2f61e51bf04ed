using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Playtrail.Server.Tests.Ingestion;

/// <summary>A body the client fails to deliver whole or decodable is the client's fault: a 4xx problem, never a 5xx.</summary>
public sealed class BodyReadFailureTests : IAsyncLifetime
{
    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/v1/sessions", "POST /api/v1/sessions")]
    [InlineData("/api/v1/downloaded", "POST /api/v1/downloaded")]
    [InlineData("/api/v1/sessions/0000000000000000000000000000000000000000000000000000000000000000/events", "POST /api/v1/sessions/{sid}/events")]
    public async Task UploadEndedBeforeItsContentLength_IsAnswered400_AndStoresNothing(string path, string route)
    {
        // The client promises 1,000 bytes, sends 20 and closes its side: the body can never be complete. The server
        // drops the connection, so the answer is read where an operator reads it: the request counts by status.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
            var stream = client.GetStream();
            var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "[{\"eventType\": \"sess"));
            client.Client.Shutdown(SocketShutdown.Send);
            try
            {
                await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
            }
            catch (IOException)
            {
                // The server closed the connection without an answer the client could read.
            }
        }

        var counted = $"playtrail_http_requests_total{{route=\"{route}\",status=";
        var metrics = await Eventually.WaitAsync(() => _server.Client.GetStringAsync("/metrics"), text => text.Contains(counted, StringComparison.Ordinal));

        var line = Assert.Single(metrics.Split('\n'), text => text.StartsWith(counted, StringComparison.Ordinal));
        Assert.StartsWith(counted + "\"400\"} 1", line, StringComparison.Ordinal);
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task GzipThatIsNotGzip_Returns400Problem()
    {
        using var content = new ByteArrayContent("not gzip at all, just text"u8.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await _server.Client.PostAsync("/api/v1/downloaded", content);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "gzip");
    }

    [Fact]
    public async Task GzipCutOffMidStream_Returns400Problem_AndStoresNothing()
    {
        var whole = Gzip(Samples.SeedDownloaded());
        using var content = new ByteArrayContent(whole[..(whole.Length / 2)]);
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await _server.Client.PostAsync("/api/v1/downloaded", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _server.Count("sessions"));
    }

    [Fact]
    public async Task GzipWithACorruptedBlock_Returns400Problem()
    {
        var body = Gzip(Samples.LongDownloaded(200));
        for (var i = 20; i < 60; i++)
        {
            body[i] ^= 0x5a;
        }

        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await _server.Client.PostAsync("/api/v1/downloaded", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _server.Count("sessions"));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string rule)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(rule, problem.RootElement.GetProperty("rule").GetString());
    }

    private static byte[] Gzip(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray();
    }
}
