using System.Globalization;
using System.Net;
using System.Text.Json;
using Playtrail.Cli;
using Playtrail.Testing;

namespace Playtrail.Dashboard.Tests;

/// <summary>
/// The data the dashboard tests look at: seeded sessions from <c>playtrail simulate</c> (half downloaded, watched over
/// the last 29 days and uploaded now; half online, watched in the last hours), a few refused and repeated uploads,
/// and two sessions left open.
/// </summary>
internal static class DataSet
{
    public const int Sessions = 240;
    public const int Seed = 20261204;
    public const int RefusedUploads = 3;
    public const int RepeatedUploads = 2;
    public const int OpenSessions = 2;

    public static async Task CreateAsync(ServerInstance server, TimeProvider clock)
    {
        var store = Path.Combine(server.Directory, "device-stores");
        using var input = new MemoryStream();
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args =
        [
            "simulate", "--server", server.BaseAddress.ToString(), "--sessions", Sessions.ToString(CultureInfo.InvariantCulture),
            "--downloaded-share", "0.5", "--store", store, "--seed", Seed.ToString(CultureInfo.InvariantCulture),
            "--days-back", "29", "--players", "4", "--json",
        ];
        var exitCode = await Playtrail.Cli.Program.RunAsync(args, new CommandConsole(input, output, error));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"playtrail simulate exited {exitCode}: {error}{output}");
        }

        await AddUploadOutcomesAsync(server, clock);
        for (var open = 0; open < OpenSessions; open++)
        {
            await server.StartSessionAsync(clock.GetUtcNow().ToUnixTimeMilliseconds() - 60_000);
        }

        await WaitUntilReportedAsync(server, clock);
    }

    /// <summary>Uploads refused (no sessionStart first) and one upload sent three times (accepted, then repeated).</summary>
    private static async Task AddUploadOutcomesAsync(ServerInstance server, TimeProvider clock)
    {
        var watched = clock.GetUtcNow().AddDays(-2).ToUnixTimeMilliseconds();
        for (var refused = 0; refused < RefusedUploads; refused++)
        {
            var body = "[" + Samples.Event("play", 0, watched) + "," + Samples.Event("sessionComplete", 5, watched + 5_000) + "]";
            using var response = await server.PostJsonAsync("/api/v1/downloaded", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        var session = "[" + Samples.SessionStart(watched, downloaded: true) + "," + Samples.Event("play", 0, watched + 1_000) + ","
            + Samples.Event("ping", 10, watched + 11_000) + "," + Samples.Event("sessionComplete", 20, watched + 21_000) + "]";
        for (var attempt = 0; attempt <= RepeatedUploads; attempt++)
        {
            using var response = await server.PostJsonAsync("/api/v1/downloaded", session, idempotencyKey: "dashboard-tests-repeat");
            Assert.True(response.IsSuccessStatusCode, $"upload answered {response.StatusCode}");
        }
    }

    /// <summary>Waits until every closed session is in the reports and the upload counts are flushed.</summary>
    private static async Task WaitUntilReportedAsync(ServerInstance server, TimeProvider clock)
    {
        // Wider than any day the sessions can fall on in any zone.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var range = $"from={today.AddDays(-40):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var expected = Sessions + 1;
        var starts = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/reports/summary?groupBy=total&{range}"))
                .RootElement.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("starts").GetInt64()),
            count => count >= expected,
            TimeSpan.FromSeconds(60));
        Assert.Equal(expected, starts);
        var refused = await Eventually.WaitAsync(
            async () => JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/reports/uploads?{range}"))
                .RootElement.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("refused").GetInt64()),
            count => count >= RefusedUploads,
            TimeSpan.FromSeconds(30));
        Assert.Equal(RefusedUploads, refused);
    }
}
