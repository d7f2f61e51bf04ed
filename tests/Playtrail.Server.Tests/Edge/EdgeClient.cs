using System.Net;
using System.Text;
using System.Text.Json;
using Playtrail.Testing.Edge;

namespace Playtrail.Server.Tests.Edge;

/// <summary>Sends Edge requests to a real Playtrail server as alloy and the mobile SDK do, and reads answers and reports back.</summary>
internal sealed class EdgeClient(ServerInstance server, HttpClient? client = null)
{
    private readonly HttpClient _client = client ?? server.Client;

    public const string PageOrigin = "https://player.playtrail.test";

    /// <summary>The settings of a server that knows the datastream alloy was captured with.</summary>
    public static readonly string[] Settings =
    [
        $"Edge:Datastreams:{AlloyCapture.ConfigId}:ReportSuite=capturersid",
        $"Edge:Datastreams:{AlloyCapture.ConfigId}:TrackingServer=capture.sc.omtrdc.net",
        $"Edge:Datastreams:{AlloyCapture.ConfigId}:OrgId=0123456789ABCDEF01234567@AdobeOrg",
        $"Edge:AllowedOrigins:0={PageOrigin}",
    ];

    public ServerInstance Server => server;

    /// <summary>Posts <paramref name="body"/> as alloy does: <c>text/plain</c>, with configId and requestId in the query.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string body, string configId = AlloyCapture.ConfigId, string contentType = "text/plain",
        string? origin = PageOrigin)
    {
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var request = new HttpRequestMessage(HttpMethod.Post, $"{path}{separator}configId={Uri.EscapeDataString(configId)}&requestId={Guid.NewGuid()}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return _client.SendAsync(request);
    }

    /// <summary>
    /// Replays captured alloy requests in order: the session id the server answers to a sessionStart replaces the
    /// one the capture's stand-in gave. Returns the session id and each answer's status.
    /// </summary>
    public async Task<(string SessionId, IReadOnlyList<HttpStatusCode> Statuses)> ReplayAsync(IEnumerable<CapturedRequest> requests)
    {
        string? sessionId = null;
        var statuses = new List<HttpStatusCode>();
        foreach (var captured in requests)
        {
            var body = sessionId is null ? captured.Body : captured.WithSessionId(sessionId);
            using var response = await PostAsync(captured.Path, body);
            statuses.Add(response.StatusCode);
            if (captured.Action == "interact")
            {
                sessionId = NewSessionId(await ReadJsonAsync(response));
            }
        }

        return (sessionId ?? throw new InvalidOperationException("No session was started."), statuses);
    }

    /// <summary>The report of a session, as <c>GET /api/v1/sessions/{sid}</c> answers it.</summary>
    public async Task<JsonElement> ReportAsync(string sessionId) =>
        JsonDocument.Parse(await _client.GetStringAsync($"/api/v1/sessions/{sessionId}")).RootElement.Clone();

    /// <summary>The analytics calls of a session.</summary>
    public async Task<JsonElement> CallsAsync(string sessionId) =>
        JsonDocument.Parse(await _client.GetStringAsync($"/api/v1/sessions/{sessionId}/calls")).RootElement.Clone();

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The session id of the <c>media-analytics:new-session</c> handle.</summary>
    public static string NewSessionId(JsonElement answer, int eventIndex = 0) =>
        answer.GetProperty("handle").EnumerateArray()
            .Single(handle => handle.GetProperty("type").GetString() == "media-analytics:new-session" && handle.GetProperty("eventIndex").GetInt32() == eventIndex)
            .GetProperty("payload")[0].GetProperty("sessionId").GetString()!;
}
