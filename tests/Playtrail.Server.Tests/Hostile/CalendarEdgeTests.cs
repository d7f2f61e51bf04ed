using System.Net;

namespace Playtrail.Server.Tests.Hostile;

/// <summary>
/// Days at the ends of the calendar, in report zones ahead of and behind UTC: every reporting, session-list and export
/// route answers them with a 400 or a valid answer, never a 500 (a default <c>from</c> 30 days before
/// <c>to=0001-01-01</c> once was).
/// </summary>
public sealed class CalendarEdgeTests
{
    private static readonly string[] Paths =
    [
        "/api/v1/reports/summary?to=0001-01-01",
        "/api/v1/reports/summary?to=0001-01-29",
        "/api/v1/reports/summary?from=0001-01-01&to=0001-01-01&groupBy=day",
        "/api/v1/reports/summary?from=9999-12-31&to=9999-12-31&groupBy=day",
        "/api/v1/reports/arrivals?to=0001-01-29",
        "/api/v1/reports/arrivals?from=9999-12-31&to=9999-12-31",
        "/api/v1/reports/uploads?to=0001-01-01",
        "/api/v1/reports/uploads?from=9999-12-31&to=9999-12-31",
        "/api/v1/sessions?to=0001-01-01",
        "/api/v1/sessions?from=9999-12-31&to=9999-12-31",
        "/api/v1/exports/sessions?to=0001-01-01&format=csv",
        "/api/v1/exports/calls?from=9999-12-31&to=9999-12-31",
    ];

    [Theory]
    [InlineData("UTC")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("Pacific/Pago_Pago")]
    [InlineData("America/St_Johns")]
    public async Task EdgeDays_OnEveryDayRoute_AreAnsweredBelow500(string zone)
    {
        await using var server = await ServerInstance.StartAsync("Reporting:TimeZone=" + zone);
        using var created = await server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        foreach (var path in Paths)
        {
            using var response = await server.Client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{zone} {path}: {(int)response.StatusCode} {body}");
        }
    }
}
