using System.Net;
using System.Text.Json;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Sessions;

public sealed class SweeperTests
{
    [Fact]
    public async Task IdleSession_IsClosedBySweeper_AndThenAnswers410()
    {
        await using var server = await ServerInstance.StartAsync(
            "Sessions:IdleTimeout=00:00:01", "Sessions:StallTimeout=01:00:00", "Sessions:SweepInterval=00:00:00.100");
        var sessionId = await server.StartSessionAsync();

        var status = await Eventually.WaitAsync(() => GetAsync(server, sessionId), s => s.GetProperty("status").GetString() != "active");

        Assert.Equal("timedOut", status.GetProperty("status").GetString());
        Assert.Equal("idle", status.GetProperty("closeReason").GetString());
        using var late = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("ping", 10, 1_700_000_010_000));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);

        // docs/decisions/0012-online-timeouts.md: an idle close reports the idle timeout as seconds since the last call
        // (1 s here).
        var report = await Eventually.WaitAsync(() => GetAsync(server, sessionId), r => r.GetProperty("metrics").GetProperty("secondsSinceLastCall").ValueKind == JsonValueKind.Number);
        Assert.Equal(1, report.GetProperty("metrics").GetProperty("secondsSinceLastCall").GetDouble());
    }

    [Fact]
    public async Task StalledSession_WithEventsButNoPlayheadMovement_IsClosedAsStall()
    {
        await using var server = await ServerInstance.StartAsync(
            "Sessions:IdleTimeout=01:00:00", "Sessions:StallTimeout=00:00:01", "Sessions:SweepInterval=00:00:00.100");
        var sessionId = await server.StartSessionAsync();

        var ts = 1_700_000_001_000L;
        var status = await Eventually.WaitAsync(
            async () =>
            {
                // Pings keep the session from going idle, but the playhead never moves.
                using var ping = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("ping", 0, ts += 1_000));
                return await GetAsync(server, sessionId);
            },
            s => s.GetProperty("status").GetString() != "active");

        Assert.Equal("timedOut", status.GetProperty("status").GetString());
        Assert.Equal("stall", status.GetProperty("closeReason").GetString());
    }

    [Fact]
    public async Task ActiveSession_KeptAliveByEvents_IsNotClosed()
    {
        await using var server = await ServerInstance.StartAsync(
            "Sessions:IdleTimeout=00:00:03", "Sessions:StallTimeout=01:00:00", "Sessions:SweepInterval=00:00:00.100");
        var sessionId = await server.StartSessionAsync();

        // Ten pings half a second apart outlive the idle timeout only if each one keeps the session open.
        for (var i = 1; i <= 10; i++)
        {
            await Task.Delay(500);
            using var ping = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("ping", i, 1_700_000_000_000 + (i * 500)));
            Assert.Equal(HttpStatusCode.NoContent, ping.StatusCode);
        }
    }

    private static async Task<JsonElement> GetAsync(ServerInstance server, string sessionId)
    {
        using var document = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
        return document.RootElement.Clone();
    }
}
