using System.Net;
using System.Text.Json;

namespace Playtrail.Server.Tests.Privacy;

/// <summary>
/// <c>DELETE /api/v1/privacy/visitors/{id}</c> through real HTTP on a real SQLite file: what goes, what stays, and who
/// may ask.
/// </summary>
public sealed class VisitorDeletionTests : IAsyncLifetime
{
    private const string Key = "privacy-tests-key-0123456789abcdef";
    private const string Visitor = "12345678901234567890123456789012345678";
    private const string OtherVisitor = "98765432109876543210987654321098765432";
    private const long Ts = 1_700_000_000_000;
    private const string Summary = "/api/v1/reports/summary?from=2023-11-01&to=2023-11-30&groupBy=day";

    private ServerInstance _server = null!;

    public async Task InitializeAsync() => _server = await ServerInstance.StartAsync($"Reporting:ApiKeys:0={Key}");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Delete_RemovesTheVisitorsOnlineAndDownloadedSessions_ProcessedOrNot_AndKeepsEveryoneElseAndTheTotals()
    {
        // The visitor is named by a different identifier in each session: the Experience Cloud id, the legacy Analytics id
        // and a declared customer id.
        var open = await StartAsync(Ts, $"\"visitor.marketingCloudUserId\": \"{Visitor}\"");
        await SendAsync(open, Samples.Event("play", 0, Ts + 1_000), HttpStatusCode.NoContent);
        var completed = await StartAsync(Ts + 100_000, $"\"analytics.aid\": \"{Visitor}\"");
        await SendAsync(completed, Samples.Event("play", 0, Ts + 101_000), HttpStatusCode.NoContent);
        await SendAsync(completed, Samples.Event("sessionComplete", 30, Ts + 131_000), HttpStatusCode.NoContent);
        var downloaded = await UploadAsync(Ts + 200_000, $$$"""
            "visitor.customerIDs": {"crm": {"id": "{{{Visitor}}}", "authState": 1}}
            """);
        var someoneElse = await UploadAsync(Ts + 300_000, $"\"visitor.marketingCloudUserId\": \"{OtherVisitor}\"");
        var anonymous = await StartAsync(Ts + 400_000, extraParams: null);
        var summaryBefore = await ReadAsync(Summary);
        Assert.Equal(3, SessionsIn(summaryBefore));

        using var response = await DeleteAsync(Visitor, Key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal(3, body.RootElement.GetProperty("sessionsDeleted").GetInt32());
            Assert.Equal(2 + 3 + 3, body.RootElement.GetProperty("eventsDeleted").GetInt64());
        }

        foreach (var gone in new[] { open, completed, downloaded })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/sessions/{gone}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/sessions/{gone}/calls")).StatusCode);
            foreach (var table in new[] { "events", "sessions", "session_reports", "session_facts", "session_visitors" })
            {
                Assert.Equal(0, RowsOf(table, gone));
            }
        }

        // The open session is gone too: its player's next event finds no session.
        await SendAsync(open, Samples.Event("ping", 10, Ts + 11_000), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/v1/sessions/{someoneElse}")).StatusCode);
        Assert.Equal(3, RowsOf("events", someoneElse));
        Assert.Equal(1, RowsOf("session_facts", someoneElse));
        Assert.Equal(1, RowsOf("events", anonymous));
        Assert.Equal(summaryBefore, await ReadAsync(Summary));
    }

    [Theory]
    [InlineData("visitor.marketingCloudUserId")]
    [InlineData("analytics.aid")]
    [InlineData("visitor.customerIDs")]
    public async Task Delete_FindsTheVisitorByEachIdentifier_AndASecondRequestDeletesNothing(string field)
    {
        var naming = field == "visitor.customerIDs"
            ? $$$"""
                "visitor.customerIDs": {"email": {"id": "{{{Visitor}}}"}}
                """
            : $"\"{field}\": \"{Visitor}\"";
        var session = await UploadAsync(Ts, naming);

        var first = await DeleteAndReadAsync(Visitor);
        var second = await DeleteAndReadAsync(Visitor);

        Assert.Equal((1, 3L), first);
        Assert.Equal((0, 0L), second);
        Assert.Equal(0, RowsOf("sessions", session));
    }

    [Fact]
    public async Task Delete_OfAnIdHoldingSlashesAndPercentSigns_MatchesItExactly()
    {
        const string Id = "crm/42%done é";
        var session = await UploadAsync(Ts, $$$"""
            "visitor.customerIDs": {"crm": {"id": "{{{Id}}}"}}
            """);

        Assert.Equal((0, 0L), await DeleteAndReadAsync("crm/42%25done é"));
        Assert.Equal((1, 3L), await DeleteAndReadAsync(Id));
        Assert.Equal(0, RowsOf("sessions", session));
    }

    [Fact]
    public async Task Delete_WithoutAKey_WithAWrongKey_OrWithOnlyALoginCookie_Answers401AndDeletesNothing()
    {
        var session = await UploadAsync(Ts, $"\"visitor.marketingCloudUserId\": \"{Visitor}\"");
        using var login = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.BaseAddress }
            .PostAsync("/login", new FormUrlEncodedContent([new("key", Key), new("returnUrl", "/")]));
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie")).Split(';')[0];

        using var withoutKey = await DeleteAsync(Visitor, key: null);
        using var wrongKey = await DeleteAsync(Visitor, Key + "x");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/privacy/visitors/{Visitor}");
        request.Headers.Add("Cookie", cookie);
        using var withCookie = await _server.Client.SendAsync(request);

        foreach (var response in new[] { withoutKey, wrongKey, withCookie })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
            Assert.Equal("unauthorized", await RuleOfAsync(response));
        }

        Assert.Equal(1, RowsOf("sessions", session));
    }

    [Fact]
    public async Task Delete_OnAServerWithoutKeys_Answers403AndDeletesNothing()
    {
        await using var open = await ServerInstance.StartAsync();
        using var upload = await open.PostJsonAsync("/api/v1/downloaded", Downloaded(Ts, $"\"visitor.marketingCloudUserId\": \"{Visitor}\""));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        using var response = await open.Client.DeleteAsync($"/api/v1/privacy/visitors/{Visitor}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("privacyNeedsKeys", await RuleOfAsync(response));
        Assert.Equal(1, open.Count("sessions"));
        Assert.Equal(3, open.Count("events"));
    }

    [Theory]
    [InlineData("/api/v1/privacy/visitors", "required")]
    [InlineData("/api/v1/privacy/visitors/", "required")]
    [InlineData("/api/v1/privacy/visitors/{long}", "maxLength")]
    public async Task Delete_WithoutAnIdOrWithAnOverlongOne_Answers400NamingThePathAndTheRule(string path, string rule)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path.Replace("{long}", new string('x', 1025), StringComparison.Ordinal));
        request.Headers.Authorization = new("Bearer", Key);

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("/path/id", error.GetProperty("pointer").GetString());
        Assert.Equal(rule, error.GetProperty("rule").GetString());
    }

    private static string Downloaded(long ts, string naming) =>
        $"[{Samples.SessionStart(ts, downloaded: true, naming)},{Samples.Event("play", 0, ts + 1_000)},{Samples.Event("sessionComplete", 20, ts + 21_000)}]";

    private async Task<string> UploadAsync(long ts, string naming)
    {
        using var response = await _server.PostJsonAsync("/api/v1/downloaded", Downloaded(ts, naming));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ServerInstance.SessionIdOf(response);
    }

    private async Task<string> StartAsync(long ts, string? extraParams)
    {
        using var response = await _server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(ts, extraParams: extraParams));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ServerInstance.SessionIdOf(response);
    }

    private async Task SendAsync(string sessionId, string json, HttpStatusCode expected)
    {
        using var response = await _server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", json);
        Assert.Equal(expected, response.StatusCode);
    }

    private Task<HttpResponseMessage> DeleteAsync(string visitorId, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/privacy/visitors/" + Uri.EscapeDataString(visitorId));
        if (key is not null)
        {
            request.Headers.Authorization = new("Bearer", key);
        }

        return _server.Client.SendAsync(request);
    }

    private async Task<(int Sessions, long Events)> DeleteAndReadAsync(string visitorId)
    {
        using var response = await DeleteAsync(visitorId, Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("sessionsDeleted").GetInt32(), body.RootElement.GetProperty("eventsDeleted").GetInt64());
    }

    private async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", Key);
        return await _server.Client.SendAsync(request);
    }

    private async Task<string> ReadAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static int SessionsIn(string summary)
    {
        using var document = JsonDocument.Parse(summary);
        return document.RootElement.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("starts").GetInt32());
    }

    private long RowsOf(string table, string sessionId) =>
        _server.Query($"SELECT count(*) FROM {table} WHERE session_id = '{sessionId}'", reader => reader.GetInt64(0)).Single();

    private static async Task<string?> RuleOfAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("rule").GetString();
    }
}
