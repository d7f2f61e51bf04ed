using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using Xunit.Abstractions;

namespace Playtrail.Server.Tests.Hostile;

/// <summary>
/// A fuzz run with a fixed seed and budget over the HTTP surface of a real server: every route, random query strings
/// built from the parameter names the server knows and values that trip parsers, and ingestion bodies from the
/// mutated corpus under any content type and encoding. No request is answered 5xx, every answer can be read whole, and
/// the server logs no error (no unhandled exception, no session that fails to process).
/// </summary>
public sealed class HttpFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const ulong Seed = 11;

    private const int Count = 1000;

    private static readonly string[] ReadRoutes =
    [
        "/api/v1/reports/summary", "/api/v1/reports/arrivals", "/api/v1/reports/uploads", "/api/v1/reports/active", "/api/v1/server",
        "/api/v1/sessions", "/api/v1/exports/sessions", "/api/v1/exports/calls", "/api/v1/sessions/{sid}", "/api/v1/sessions/{sid}/calls",
        "/api/v1/sessions/{sid}/timeline", "/api/v1/schemas/{name}", "/health", "/metrics", "/", "/login", "/sessions", "/content",
    ];

    private static readonly string[] WriteRoutes =
    [
        "/api/v1/sessions", "/api/v1/downloaded", "/api/v1/sessions/{sid}/events", "/api/v1/sessions/{other}/events",
    ];

    private static readonly string[] Names =
    [
        "from", "to", "groupBy", "sort", "order", "limit", "offset", "contentType", "downloaded", "mediaId", "mediaName", "format",
        "status", "after", "closeReason", "complete", "sessionId", "itemId", "type", "validate", "returnUrl", "a",
    ];

    private static readonly string[] Values =
    [
        "", "0001-01-01", "0001-01-29", "0001-01-30", "9999-12-31", "2018-06-26", "2024-02-30", "2018-6-26", "20180626", "day", "media",
        "contentType", "downloaded", "total", "hour", "true", "false", "TRUE", "-1", "0", "1", "500", "501", "2147483648",
        "99999999999999999999", "1e3", "csv", "ndjson", "parquet", "xml", "timePlayed", "starts", "desc", "asc", "nonsense", "\0",
        "é映画", new string('x', 2000), "ended", "active", "timedOut", "eyJ4IjoxfQ", "../../etc/passwd", "vod", "movie-42", "%",
    ];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json; charset=utf-8", "application/problem+json", "text/plain", "application/json; charset=latin1", ""];

    private ServerInstance _server = null!;
    private ErrorLogCapture _errors = null!;
    private string _sessionId = null!;

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync("Reporting:TimeZone=America/St_Johns");
        _errors = ErrorLogCapture.AttachTo(_server);
        using var created = await _server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(1_700_000_000_000));
        _sessionId = ServerInstance.SessionIdOf(created);
        using var downloaded = await _server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string? _lastLocation;

    [Fact]
    public async Task AnyRequest_IsAnsweredBelow500_ReadableWhole_AndLogsNoError()
    {
        var statuses = new Dictionary<int, int>();
        var reads = Gen.Select(Gen.OneOf(ReadRoutes), Query, (route, query) => new FuzzRequest(HttpMethod.Get, route + query, null, "", false));
        var writes = Gen.Select(Gen.OneOf(WriteRoutes), Query, FuzzBodies.Mutated, Gen.OneOf(ContentTypes), Gen.Bool,
            (route, query, body, contentType, gzip) => new FuzzRequest(HttpMethod.Post, route + query, body, contentType, gzip));

        foreach (var request in FixedSamples.Draw(Gen.Frequency((1, (IGen<FuzzRequest>)reads), (2, writes)), Seed, Count))
        {
            var path = request.Path.Replace("{sid}", _sessionId, StringComparison.Ordinal)
                .Replace("{other}", new string('a', 64), StringComparison.Ordinal)
                .Replace("{name}", Uri.EscapeDataString(request.Path.Length % 2 == 0 ? "sessionStart" : "seek"), StringComparison.Ordinal);
            var message = new HttpRequestMessage(request.Method, path);
            if (request.Body is { } body)
            {
                message.Content = new ByteArrayContent(request.Gzip ? Gzip(body) : body);
                if (request.ContentType.Length > 0)
                {
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
                }

                if (request.Gzip)
                {
                    message.Content.Headers.ContentEncoding.Add("gzip");
                }
            }

            await SendAsync(message, statuses);

            // What was accepted can be read back: the report and the calls of a session just created.
            if (request.Method == HttpMethod.Post && statuses.Count > 0 && _lastLocation is { } location)
            {
                await SendAsync(new HttpRequestMessage(HttpMethod.Get, location), statuses);
                await SendAsync(new HttpRequestMessage(HttpMethod.Get, location + "/calls"), statuses);
                _lastLocation = null;
            }
        }

        output.WriteLine(string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value}")));
        Assert.Empty(_errors.Errors);
        Assert.True(statuses.Keys.Any(status => status < 300) && statuses.Keys.Count(status => status >= 400) > 1,
            "the run reaches both accepted and refused requests");
    }

    /// <summary>Zero to four parameters, each name and value picked from the lists and percent-encoded (or, once in a while, sent raw).</summary>
    private static Gen<string> Query { get; } = Gen.Select(Gen.OneOf(Names), Gen.OneOf(Values), Gen.Int[0, 9]).Array[0, 4]
        .Select(pairs => pairs.Length == 0 ? "" : "?" + string.Join("&", pairs.Select(pair =>
            pair.Item3 == 0 && pair.Item2.All(c => c is > ' ' and < '\u007f' and not '#' and not '&')
                ? pair.Item1 + "=" + pair.Item2
                : pair.Item1 + "=" + Uri.EscapeDataString(pair.Item2))));

    private async Task SendAsync(HttpRequestMessage message, Dictionary<int, int> statuses)
    {
        using (message)
        {
            using var response = await _server.Client.SendAsync(message);
            var answer = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"{message.Method} {message.RequestUri} answered {status}: {Encoding.UTF8.GetString(answer)}");
            if (status == 201 && response.Headers.Location is { } location)
            {
                _lastLocation = location.OriginalString;
            }
        }
    }

    private sealed record FuzzRequest(HttpMethod Method, string Path, byte[]? Body, string ContentType, bool Gzip);

    private static byte[] Gzip(byte[] body)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }

        return buffer.ToArray();
    }
}
