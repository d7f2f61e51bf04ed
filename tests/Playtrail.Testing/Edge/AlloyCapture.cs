using System.Text.Json;

namespace Playtrail.Testing.Edge;

/// <summary>One request the real @adobe/alloy 2.33.1 sent, as captured on the wire.</summary>
/// <param name="Seq">Its order in the capture (1 to 30).</param>
/// <param name="Scenario"><c>auto</c>, <c>manual</c> or <c>legacy</c>.</param>
/// <param name="Path">The request path, e.g. <c>/ee/pt1/va/v1/play</c>.</param>
/// <param name="ConfigId">The <c>configId</c> query parameter.</param>
/// <param name="Body">The request body as alloy sent it.</param>
/// <param name="Status">What the stand-in Edge server answered.</param>
public sealed record CapturedRequest(int Seq, string Scenario, string Path, string ConfigId, string Body, int Status)
{
    /// <summary>The last path segment: <c>interact</c> or the media action.</summary>
    public string Action => Path[(Path.LastIndexOf('/') + 1)..];

    /// <summary>The <c>events[0].xdm</c> object of the body.</summary>
    public JsonElement Xdm => JsonDocument.Parse(Body).RootElement.GetProperty("events")[0].GetProperty("xdm").Clone();

    /// <summary>The body with its <c>mediaCollection.sessionID</c> replaced (the capture's ids were a stand-in's).</summary>
    public string WithSessionId(string sessionId)
    {
        var captured = Xdm.GetProperty("mediaCollection").TryGetProperty("sessionID", out var id) ? id.GetString() : null;
        return captured is null ? Body : Body.Replace(captured, sessionId, StringComparison.Ordinal);
    }
}

/// <summary>
/// The 30 requests of the real @adobe/alloy 2.33.1 (Streaming Media and its legacy tracker bridge) in
/// headless Chromium, kept as a test fixture: automatic mode with alloy's own pings, manual mode, legacy bridge.
/// </summary>
public static class AlloyCapture
{
    private static readonly Lazy<(string OrgId, IReadOnlyList<CapturedRequest> Requests)> Loaded = new(Load);

    /// <summary>The datastream alloy was configured with.</summary>
    public const string ConfigId = "playtrail-capture-datastream";

    /// <summary>The organisation alloy was configured with.</summary>
    public static string OrgId => Loaded.Value.OrgId;

    /// <summary>Every captured request, in order.</summary>
    public static IReadOnlyList<CapturedRequest> Requests => Loaded.Value.Requests;

    /// <summary>The requests of one scenario, in order.</summary>
    public static IReadOnlyList<CapturedRequest> Scenario(string name) => [.. Requests.Where(request => request.Scenario == name)];

    /// <summary>The request with sequence number <paramref name="seq"/>.</summary>
    public static CapturedRequest Seq(int seq) => Requests.Single(request => request.Seq == seq);

    private static (string, IReadOnlyList<CapturedRequest>) Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Edge", "alloy-capture.json")));
        var root = document.RootElement;
        var requests = root.GetProperty("exchanges").EnumerateArray()
            .Select(exchange => new CapturedRequest(
                exchange.GetProperty("seq").GetInt32(),
                exchange.GetProperty("scenario").GetString()!,
                exchange.GetProperty("path").GetString()!,
                exchange.GetProperty("query").GetProperty("configId").GetString()!,
                exchange.GetProperty("body").GetRawText(),
                exchange.GetProperty("status").GetInt32()))
            .ToList();
        return (root.GetProperty("orgId").GetString()!, requests);
    }
}
