using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Playtrail.Server.Operations;
using Playtrail.Testing;

namespace Playtrail.Server.Tests.Operations;

/// <summary>Memory given back after a busy spell, on a real server and SQLite file.</summary>
public sealed class IdleMemoryTrimmerTests
{
    private const long FirstTs = 1_780_000_000_000;

    [Fact]
    public async Task AfterABusySpell_MemoryIsGivenBackOnce_AndTheServerGoesOnAsBefore()
    {
        await using var server = await ServerInstance.StartAsync("Memory:IdleBeforeTrim=00:00:00.200");
        var trimmer = server.Services.GetRequiredService<IdleMemoryTrimmer>();
        await Task.Delay(600);
        Assert.Equal(0, trimmer.Trims); // nothing was written yet: nothing to give back

        using (var first = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(2_000, FirstTs)))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        // A bounded wait for the trimmer's timer, not a timing assertion.
        for (var waited = 0; trimmer.Trims == 0 && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(1, trimmer.Trims);
        await Task.Delay(800);
        Assert.Equal(1, trimmer.Trims); // idle since: the sweeper's and the trim's own commits are no new work

        // The caches rebuild on demand: reads and writes after the trim see everything.
        using var second = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(50, FirstTs + 100_000_000));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2_050L, server.Count("events"));
    }

    [Fact]
    public async Task TurnedOff_NeverTrims()
    {
        await using var server = await ServerInstance.StartAsync("Memory:TrimWhenIdle=false", "Memory:IdleBeforeTrim=00:00:00.100");
        using (var upload = await server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(100, FirstTs)))
        {
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        }

        await Task.Delay(800);

        Assert.Equal(0, server.Services.GetRequiredService<IdleMemoryTrimmer>().Trims);
    }
}
