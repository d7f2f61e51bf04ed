using System.Text;

namespace Playtrail.Server.Tests.Memory;

/// <summary>Tests that measure the whole process's allocations run alone, so no other test's work is counted.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunAlone
{
    public const string Name = "Process-wide allocation";
}

/// <summary>
/// A maximal downloaded upload is read, validated, stored and processed without copying its events: what it allocates
/// stays under twice its body's size, the body's own buffer included (docs/benchmarks.md, "Memory of one maximal upload"). Before, each event was copied
/// for the store, bound through per-row ADO.NET objects and read back for processing: about ten times the body.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class UploadAllocationTests
{
    private const int MaxEvents = 20_000;

    [Fact]
    public async Task MaximalDownloadedUpload_AllocatesLessThanTwiceItsBody_FromReadToProcessed()
    {
        await using var server = await ServerInstance.StartAsync();
        // The first upload pays for JIT compilation and the store's first statements; the second is the one measured.
        await server.UploadAsync(MaximalBody(1_600_000_000_000));
        var body = MaximalBody(1_700_000_000_000);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var sessionId = await server.UploadAsync(body);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(MaxEvents, server.Query($"SELECT COUNT(*) FROM events WHERE session_id = '{sessionId}'", reader => reader.GetInt64(0)).Single());
        Assert.Equal(1, server.Query($"SELECT COUNT(*) FROM session_reports WHERE session_id = '{sessionId}'", reader => reader.GetInt64(0)).Single());
        // The body's own buffer (a whole body when the pool has none to lend) and about 0.4 times the body besides; copies
        // of the events, or per-event strings (twice the bytes), would each add a whole body or more.
        Assert.True(allocated < 2L * body.Length, $"{allocated:N0} bytes allocated for a body of {body.Length:N0} bytes");
    }

    [Fact]
    public async Task MaximalDownloadedUpload_StoresEveryEventByteForByte()
    {
        await using var server = await ServerInstance.StartAsync();
        var body = MaximalBody(1_700_000_000_000);

        var sessionId = await server.UploadAsync(body);

        var stored = server.Query($"SELECT body FROM events WHERE session_id = '{sessionId}' ORDER BY seq", reader => (byte[])reader.GetValue(0));
        Assert.Equal(body, Encoding.UTF8.GetBytes("[" + string.Join(",", stored.Select(Encoding.UTF8.GetString)) + "]"));
    }

    /// <summary>
    /// The most events an upload may hold (4.1 MB): a <c>sessionStart</c> with 30 custom metadata values of 1,500
    /// characters, a <c>play</c>, pings with four QoE values and a <c>sessionComplete</c>, as
    /// benchmarks/scripts/upload-memory.py sends them.
    /// </summary>
    private static byte[] MaximalBody(long ts)
    {
        var json = new StringBuilder("[{\"eventType\":\"sessionStart\",\"playerTime\":{\"playhead\":0,\"ts\":").Append(ts)
            .Append("},\"params\":{\"media.downloaded\":true,\"analytics.trackingServer\":\"t.sc.omtrdc.net\",\"analytics.reportSuite\":\"rs\",")
            .Append("\"visitor.marketingCloudOrgId\":\"0123456789ABCDEF@AdobeOrg\",\"media.id\":\"m-").Append(ts)
            .Append("\",\"media.name\":\"n\",\"media.length\":600000,\"media.contentType\":\"vod\",\"media.playerName\":\"p\",\"media.channel\":\"c\"},")
            .Append("\"customMetadata\":{");
        for (var i = 0; i < 30; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("\"k").Append(i).Append("\":\"").Append('v', 1500).Append('"');
        }

        json.Append("}},{\"eventType\":\"play\",\"playerTime\":{\"playhead\":0,\"ts\":").Append(ts + 1000).Append("}}");
        for (var i = 1; i < MaxEvents - 2; i++)
        {
            json.Append(",{\"eventType\":\"ping\",\"playerTime\":{\"playhead\":").Append(i * 10).Append(",\"ts\":").Append(ts + 1000 + (i * 10_000L))
                .Append("},\"qoeData\":{\"media.qoe.bitrate\":").Append(1_000_000 + i).Append(",\"media.qoe.droppedFrames\":").Append(i % 7)
                .Append(",\"media.qoe.framesPerSecond\":29.97,\"media.qoe.timeToStart\":1200}}");
        }

        json.Append(",{\"eventType\":\"sessionComplete\",\"playerTime\":{\"playhead\":").Append(MaxEvents * 10).Append(",\"ts\":")
            .Append(ts + 1000 + (MaxEvents * 10_000L)).Append("}}]");
        return Encoding.UTF8.GetBytes(json.ToString());
    }
}
