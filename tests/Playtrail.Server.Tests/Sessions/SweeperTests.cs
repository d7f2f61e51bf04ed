using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Server.Sessions;
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
    public async Task ActiveSession_KeptAliveByEvents_IsNotClosed_UntilItGoesQuiet()
    {
        // The server's clock is a fake one, moved by the test; the sweeper's own timer is set far out so that each
        // pass is the test's.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 20, 0, 0, TimeSpan.Zero));
        await using var server = await ServerInstance.StartWithClockAsync(clock,
            "Sessions:IdleTimeout=00:10:00", "Sessions:StallTimeout=01:00:00", "Sessions:SweepInterval=1.00:00:00");
        var sweeper = server.Services.GetRequiredService<SessionSweeper>();
        var sessionId = await server.StartSessionAsync();

        // Two pings six minutes apart: twelve minutes after the start, more than the idle timeout, yet never ten
        // minutes without an event.
        for (var i = 1; i <= 2; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(6));
            using var ping = await server.PostJsonAsync($"/api/v1/sessions/{sessionId}/events", Samples.Event("ping", i * 360, 1_700_000_000_000 + (i * 360_000)));
            Assert.Equal(HttpStatusCode.NoContent, ping.StatusCode);
            Assert.Empty(await sweeper.SweepOnceAsync(CancellationToken.None));
            Assert.Equal("active", (await GetAsync(server, sessionId)).GetProperty("status").GetString());
        }

        // Then eleven quiet minutes: the same pass closes it, so the passes above did look at it.
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal([sessionId], await sweeper.SweepOnceAsync(CancellationToken.None));
        Assert.Equal("idle", (await GetAsync(server, sessionId)).GetProperty("closeReason").GetString());
    }

    private static async Task<JsonElement> GetAsync(ServerInstance server, string sessionId)
    {
        using var document = JsonDocument.Parse(await server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}"));
        return document.RootElement.Clone();
    }
}
