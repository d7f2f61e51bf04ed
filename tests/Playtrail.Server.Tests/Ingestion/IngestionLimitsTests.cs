using System.Net;
using System.Text.Json;

namespace Playtrail.Server.Tests.Ingestion;

/// <summary>Bounded work per request: payloads over a limit are refused whole, with a problem naming the limit, and store nothing.</summary>
public sealed class IngestionLimitsTests
{
    [Fact]
    public async Task DownloadedUpload_WithATenMegabyteMediaName_Returns413MaxEventBytes_AndStoresNothing()
    {
        // Under the 16 MiB body limit, so it used to be stored, and its oversized record slowed every write after it.
        await using var server = await ServerInstance.StartAsync();
        var body = Samples.SeedDownloaded().Replace("\"The Long Flight\"", "\"" + new string('n', 10 * 1024 * 1024) + "\"", StringComparison.Ordinal);

        using var response = await server.PostJsonAsync("/api/v1/downloaded", body);

        var error = await SingleErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(("/0", "maxEventBytes"), (error.GetProperty("pointer").GetString(), error.GetProperty("rule").GetString()));
        Assert.Contains("65536", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Count("sessions"));
        Assert.Equal(0, server.Count("events"));
    }

    [Fact]
    public async Task MediaNameOverTheStringLimit_Returns400MaxLengthAtItsPointer_OnBothSessionRoutes()
    {
        await using var server = await ServerInstance.StartAsync();
        var name = "\"" + new string('n', 2049) + "\"";

        using var online = await server.PostJsonAsync("/api/v1/sessions", Samples.SessionStart(1_700_000_000_000).Replace("\"The Long Flight\"", name, StringComparison.Ordinal));
        using var downloaded = await server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded().Replace("\"The Long Flight\"", name, StringComparison.Ordinal));

        var onlineError = await SingleErrorAsync(online, HttpStatusCode.BadRequest);
        var downloadedError = await SingleErrorAsync(downloaded, HttpStatusCode.BadRequest);
        Assert.Equal(("/params/media.name", "maxLength"), (onlineError.GetProperty("pointer").GetString(), onlineError.GetProperty("rule").GetString()));
        Assert.Equal(("/0/params/media.name", "maxLength"), (downloadedError.GetProperty("pointer").GetString(), downloadedError.GetProperty("rule").GetString()));
        Assert.Equal(0, server.Count("sessions"));
    }

    [Fact]
    public async Task ConfiguredLimits_AreTheOnesApplied()
    {
        await using var server = await ServerInstance.StartAsync("Ingestion:MaxDownloadedEvents=10", "Ingestion:MaxStringLength=100");

        using var tooMany = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(11));
        using var enough = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(10));
        using var longName = await server.PostJsonAsync("/api/v1/downloaded",
            Samples.SeedDownloaded().Replace("\"The Long Flight\"", "\"" + new string('n', 101) + "\"", StringComparison.Ordinal));

        var error = await SingleErrorAsync(tooMany, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(("/10", "maxEvents"), (error.GetProperty("pointer").GetString(), error.GetProperty("rule").GetString()));
        Assert.Equal(HttpStatusCode.Created, enough.StatusCode);
        Assert.Equal("maxLength", (await SingleErrorAsync(longName, HttpStatusCode.BadRequest)).GetProperty("rule").GetString());
        Assert.Equal(1, server.Count("sessions"));
    }

    [Fact]
    public async Task AnEventLimitBelowFour_IsAppliedLikeAnyOther()
    {
        // The list of parsed events is sized from the body but never past the limit: a limit of 1 must not break that sizing.
        await using var server = await ServerInstance.StartAsync("Ingestion:MaxDownloadedEvents=1");

        using var tooMany = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(3));

        var error = await SingleErrorAsync(tooMany, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(("/1", "maxEvents"), (error.GetProperty("pointer").GetString(), error.GetProperty("rule").GetString()));
        Assert.Equal(0, server.Count("sessions"));
    }

    [Fact]
    public async Task RefusedForALimit_IsCountedAsA413WithTheLimitsRule()
    {
        await using var server = await ServerInstance.StartAsync("Ingestion:MaxDownloadedEvents=10");
        using var tooMany = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(11));

        var uploads = await Eventually.WaitAsync(
            () => server.Client.GetStringAsync("/api/v1/reports/uploads"),
            text => text.Contains("413:maxEvents", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        Assert.Contains("413:maxEvents", uploads, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> SingleErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        return Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray()).Clone();
    }
}
