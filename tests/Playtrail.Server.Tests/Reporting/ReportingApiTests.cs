using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Playtrail.Server.Reporting;

namespace Playtrail.Server.Tests.Reporting;

/// <summary>
/// The reporting API through a real port on a server whose days are in Asia/Kolkata (+05:30): four closed sessions
/// around the 18:30 UTC midnight of 2026-03-10/11, online and downloaded, two contents and two types.
/// </summary>
public sealed class ReportingApiTests : IAsyncLifetime
{
    // Watched at (UTC) → day in Kolkata: S1 20:00 → 03-11, S2 17:00 → 03-10, S3 18:29 → 03-10, S4 18:31 → 03-11.
    private static readonly Planned S1 = new("m1", "The First", "vod", Downloaded: true, At("2026-03-10T20:00:00Z"), Pings: 6);
    private static readonly Planned S2 = new("m1", "The First", "vod", Downloaded: false, At("2026-03-10T17:00:00Z"), Pings: 3);
    private static readonly Planned S3 = new("m2", "Second Talk", "podcast", Downloaded: false, At("2026-03-10T18:29:00Z"), Pings: 2);
    private static readonly Planned S4 = new("m2", "Second Talk", "podcast", Downloaded: true, At("2026-03-10T18:31:00Z"), Pings: 1);

    private ServerInstance _server = null!;
    private readonly Dictionary<Planned, string> _ids = [];

    public async Task InitializeAsync()
    {
        _server = await ServerInstance.StartAsync("Reporting:TimeZone=Asia/Kolkata");
        foreach (var session in new[] { S1, S2, S3, S4 })
        {
            _ids[session] = session.Downloaded ? await UploadAsync(session) : await PlayOnlineAsync(session);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task SummaryByDay_PlacesSessionsOnTheirDayInTheReportZone()
    {
        var summary = await GetAsync("/api/v1/reports/summary?from=2026-03-10&to=2026-03-11&groupBy=day");

        Assert.Equal("Asia/Kolkata", summary.GetProperty("timeZone").GetString());
        var rows = Rows(summary);
        Assert.Equal(["2026-03-10", "2026-03-11"], rows.Select(Key));
        Assert.Equal(2, rows[0].GetProperty("starts").GetInt64());
        Assert.Equal(0, rows[0].GetProperty("downloadedSessions").GetInt64());
        Assert.Equal(2, rows[1].GetProperty("starts").GetInt64());
        Assert.Equal(2, rows[1].GetProperty("downloadedSessions").GetInt64());
        // Each session plays (pings + 1) × 10 s: S2 40 + S3 30 on the 10th, S1 70 + S4 20 on the 11th.
        Assert.Equal(70, rows[0].GetProperty("timePlayed").GetDouble(), 6);
        Assert.Equal(90, rows[1].GetProperty("timePlayed").GetDouble(), 6);
        Assert.Equal(2, rows[1].GetProperty("completes").GetInt64());
    }

    [Theory]
    [InlineData("downloaded=true", "2026-03-11", 2)]
    [InlineData("downloaded=false", "2026-03-10", 2)]
    [InlineData("contentType=podcast", "2026-03-10", 1)]
    [InlineData("mediaId=m1", "2026-03-11", 1)]
    public async Task SummaryFilters_CountOnlyTheMatchingSessions(string filter, string day, long starts)
    {
        var summary = await GetAsync($"/api/v1/reports/summary?from=2026-03-10&to=2026-03-11&groupBy=day&{filter}");

        var row = Rows(summary).Single(row => Key(row) == day);
        Assert.Equal(starts, row.GetProperty("starts").GetInt64());
    }

    [Fact]
    public async Task SummaryByMedia_SortedAndPaged_NamesEachTitle()
    {
        var first = await GetAsync("/api/v1/reports/summary?from=2026-03-10&to=2026-03-11&groupBy=media&sort=timePlayed&order=desc&limit=1");
        var second = await GetAsync("/api/v1/reports/summary?from=2026-03-10&to=2026-03-11&groupBy=media&sort=timePlayed&order=desc&limit=1&offset=1");

        Assert.Equal(2, first.GetProperty("totalRows").GetInt32());
        var top = Assert.Single(Rows(first));
        Assert.Equal("m1", Key(top));
        Assert.Equal("The First", top.GetProperty("name").GetString());
        Assert.Equal(110, top.GetProperty("timePlayed").GetDouble(), 6);
        var next = Assert.Single(Rows(second));
        Assert.Equal("m2", Key(next));
        Assert.Equal("podcast", next.GetProperty("contentType").GetString());
    }

    [Fact]
    public async Task SummaryTotal_CarriesTheFunnelAndQoeAverages()
    {
        var total = Assert.Single(Rows(await GetAsync("/api/v1/reports/summary?from=2026-03-10&to=2026-03-11&groupBy=total")));

        Assert.Equal(4, total.GetProperty("starts").GetInt64());
        Assert.Equal(4, total.GetProperty("contentStarts").GetInt64());
        Assert.Equal(4, total.GetProperty("completes").GetInt64());
        Assert.Equal(1.0, total.GetProperty("completionRate").GetDouble(), 9);
        // Every sessionStart sends timeToStart 1200 ms.
        Assert.Equal(1.2, total.GetProperty("averageTimeToStart").GetDouble(), 9);
        Assert.Equal(4, total.GetProperty("timeToStartSessions").GetInt64());
        Assert.Equal(0, total.GetProperty("errorsPerSession").GetDouble());
        Assert.Equal(JsonValueKind.Null, total.GetProperty("averageBitrate").ValueKind);
        Assert.Equal(2, total.GetProperty("lateness").GetProperty("sessions").GetInt64());
    }

    [Fact]
    public async Task Arrivals_PlaceDownloadedSessionsByDayWatchedAndDayReceived()
    {
        var today = TodayInKolkata();
        var arrivals = await GetAsync($"/api/v1/reports/arrivals?from=2026-03-10&to=2026-03-11");

        var cell = Assert.Single(arrivals.GetProperty("cells").EnumerateArray());
        Assert.Equal("2026-03-11", cell.GetProperty("watched").GetString());
        Assert.Equal(today, cell.GetProperty("received").GetString());
        Assert.Equal(2, cell.GetProperty("sessions").GetInt64());
        Assert.Equal(90, cell.GetProperty("timePlayed").GetDouble(), 6);
    }

    [Fact]
    public async Task Uploads_CountAcceptedRepeatedAndRefusedByReason()
    {
        using (var repeat = await _server.PostJsonAsync("/api/v1/downloaded", Downloaded(S1)))
        {
            Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
            Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
        }

        using (var refused = await _server.PostJsonAsync("/api/v1/downloaded", "[" + Samples.Event("play", 0, 1) + "]"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        await _server.Services.GetRequiredService<UploadCountFlusher>().FlushAsync(CancellationToken.None);
        var today = TodayInKolkata();
        var uploads = await GetAsync($"/api/v1/reports/uploads?from={today}&to={today}");

        var row = Assert.Single(uploads.GetProperty("rows").EnumerateArray());
        Assert.Equal(today, row.GetProperty("day").GetString());
        Assert.Equal(2, row.GetProperty("accepted").GetInt64());
        Assert.Equal(1, row.GetProperty("repeated").GetInt64());
        Assert.Equal(1, row.GetProperty("refused").GetInt64());
        var reason = Assert.Single(row.GetProperty("refusedBy").EnumerateObject());
        Assert.StartsWith("400:", reason.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionList_PagesNewestWatchedFirst_EachSessionOnce()
    {
        var first = await GetAsync("/api/v1/sessions?limit=3");
        var next = first.GetProperty("next").GetString();
        var second = await GetAsync("/api/v1/sessions?limit=3&after=" + next);

        Assert.Equal([_ids[S1], _ids[S4], _ids[S3]], Rows(first).Select(row => row.GetProperty("sessionId").GetString()));
        Assert.Equal([_ids[S2]], Rows(second).Select(row => row.GetProperty("sessionId").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        var s1 = Rows(first)[0];
        Assert.Equal("2026-03-11", s1.GetProperty("watchedDay").GetString());
        Assert.True(s1.GetProperty("downloaded").GetBoolean());
        Assert.Equal("completed", s1.GetProperty("status").GetString());
        Assert.Equal(70, s1.GetProperty("metrics").GetProperty("timePlayed").GetDouble(), 6);
    }

    [Theory]
    [InlineData("downloaded=true", 2)]
    [InlineData("mediaId=m2", 2)]
    [InlineData("contentType=vod", 2)]
    [InlineData("from=2026-03-11&to=2026-03-11", 2)]
    [InlineData("status=completed", 4)]
    [InlineData("closeReason=complete", 4)]
    [InlineData("closeReason=idle", 0)]
    [InlineData("status=timedOut", 0)]
    public async Task SessionList_Filters(string filter, int count)
    {
        var page = await GetAsync("/api/v1/sessions?" + filter);

        Assert.Equal(count, Rows(page).Count);
    }

    [Fact]
    public async Task OpenSession_IsCountedActiveAndListedUnderStatusActive()
    {
        var open = await _server.StartSessionAsync(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var active = await GetAsync("/api/v1/reports/active");
        var listed = await GetAsync("/api/v1/sessions?status=active");

        Assert.Equal(1, active.GetProperty("active").GetInt64());
        Assert.Equal(1, active.GetProperty("byContentType").GetProperty("vod").GetInt64());
        var row = Assert.Single(Rows(listed));
        Assert.Equal(open, row.GetProperty("sessionId").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("metrics").ValueKind);
    }

    [Fact]
    public async Task Server_SaysTheZoneAndThatAccessIsOpen()
    {
        var server = await GetAsync("/api/v1/server");

        Assert.Equal("Asia/Kolkata", server.GetProperty("timeZone").GetString());
        Assert.Equal("open", server.GetProperty("access").GetString());
        Assert.Equal("sqlite", server.GetProperty("store").GetString());
    }

    [Theory]
    [InlineData("/api/v1/reports/summary?from=2026-13-01", "/query/from", "date")]
    [InlineData("/api/v1/reports/summary?groupBy=week", "/query/groupBy", "enum")]
    [InlineData("/api/v1/reports/summary?sort=popularity", "/query/sort", "enum")]
    [InlineData("/api/v1/reports/summary?limit=0", "/query/limit", "range")]
    [InlineData("/api/v1/reports/summary?downloaded=yes", "/query/downloaded", "boolean")]
    [InlineData("/api/v1/reports/arrivals?from=2026-03-12&to=2026-03-11", "/query/from", "range")]
    [InlineData("/api/v1/sessions?after=nonsense", "/query/after", "cursor")]
    [InlineData("/api/v1/sessions?status=closed", "/query/status", "enum")]
    [InlineData("/api/v1/sessions?limit=501", "/query/limit", "range")]
    public async Task BadParameter_Is400NamingItByPointerAndRule(string path, string pointer, string rule)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(pointer, error.GetProperty("pointer").GetString());
        Assert.Equal(rule, error.GetProperty("rule").GetString());
    }

    [Theory]
    [InlineData("/api/v1/reports/summary?to=0001-01-01")]
    [InlineData("/api/v1/reports/summary?from=0001-01-01&to=0001-01-31&groupBy=media")]
    [InlineData("/api/v1/reports/summary?from=9999-12-01&to=9999-12-31")]
    [InlineData("/api/v1/reports/arrivals?from=9999-12-31&to=9999-12-31")]
    [InlineData("/api/v1/reports/uploads?from=0001-01-01&to=0001-01-02")]
    [InlineData("/api/v1/sessions?from=0001-01-01&to=9999-12-31")]
    public async Task DaysAtTheCalendarsEdges_AreAnsweredWithoutSessions(string path)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SeveralBadParameters_AreAllNamed()
    {
        using var response = await _server.Client.GetAsync("/api/v1/reports/summary?from=x&groupBy=y&limit=z");

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["/query/from", "/query/groupBy", "/query/limit"],
            problem.RootElement.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("pointer").GetString()).Order());
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<string> UploadAsync(Planned session)
    {
        using var response = await _server.PostJsonAsync("/api/v1/downloaded", Downloaded(session));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ServerInstance.SessionIdOf(response);
    }

    private async Task<string> PlayOnlineAsync(Planned session)
    {
        var events = Events(session);
        using var created = await _server.PostJsonAsync("/api/v1/sessions", events[0]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = ServerInstance.SessionIdOf(created);
        foreach (var json in events.Skip(1))
        {
            using var response = await _server.PostJsonAsync($"/api/v1/sessions/{id}/events", json);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        return id;
    }

    private static string Downloaded(Planned session) => "[" + string.Join(",", Events(session)) + "]";

    /// <summary>sessionStart, play 1 s later, a ping every 10 s, sessionComplete 10 s after the last ping.</summary>
    private static List<string> Events(Planned session)
    {
        var start = session.WatchedAt.ToUnixTimeMilliseconds();
        var flag = session.Downloaded ? ",\n\"media.downloaded\": true" : "";
        var events = new List<string>
        {
            $$"""
            {"eventType": "sessionStart", "playerTime": {"playhead": 0, "ts": {{start}}},
             "params": {"analytics.trackingServer": "example.sc.omtrdc.net", "analytics.reportSuite": "rsid",
               "visitor.marketingCloudOrgId": "0123456789ABCDEF@AdobeOrg", "media.id": "{{session.MediaId}}",
               "media.name": "{{session.Name}}", "media.length": 600, "media.contentType": "{{session.ContentType}}",
               "media.playerName": "test-player", "media.channel": "test-app"{{flag}}
             },
             "qoeData": {"media.qoe.timeToStart": 1200}
            }
            """,
            Samples.Event("play", 0, start + 1000),
        };
        for (var ping = 1; ping <= session.Pings; ping++)
        {
            events.Add(Samples.Event("ping", ping * 10, start + 1000 + ping * 10_000));
        }

        events.Add(Samples.Event("sessionComplete", (session.Pings + 1) * 10, start + 1000 + (session.Pings + 1) * 10_000));
        return events;
    }

    private static List<JsonElement> Rows(JsonElement answer) => [.. answer.GetProperty("rows").EnumerateArray()];

    private static string? Key(JsonElement row) => row.GetProperty("key").GetString();

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    /// <summary>
    /// The day an upload made now is received on: arrivals and upload counts are kept by the hour received, and in a
    /// +05:30 zone an hour belongs to the day its start is in (docs/reporting.md), so from 18:30 to 19:00 UTC this is
    /// still the previous local day.
    /// </summary>
    private static string TodayInKolkata()
    {
        var now = DateTimeOffset.UtcNow;
        var hourStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        return ReportEndpoints.Day(ReportZone.Of("Asia/Kolkata").DayOf(hourStart));
    }

    private sealed record Planned(string MediaId, string Name, string ContentType, bool Downloaded, DateTimeOffset WatchedAt, int Pings);
}
