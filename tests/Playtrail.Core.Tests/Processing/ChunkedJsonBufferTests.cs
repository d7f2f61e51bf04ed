using System.Buffers;
using System.Text.Json;
using Playtrail.Core.Processing;

namespace Playtrail.Core.Tests.Processing;

/// <summary>The chunked buffer the report and calls writers use gives back exactly the bytes written, in order.</summary>
public sealed class ChunkedJsonBufferTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(5_000)]
    public void ManyChunksOfJson_ComeBackAsTheSameBytesAsOneGrowingArray(int values)
    {
        var chunked = new ChunkedJsonBuffer();
        var growing = new ArrayBufferWriter<byte>();

        Write(chunked, values);
        Write(growing, values);

        Assert.Equal(growing.WrittenSpan.ToArray(), chunked.ToArray());
        Assert.Equal(growing.WrittenSpan.ToArray(), chunked.ToSequence().ToArray());
    }

    [Fact]
    public void AskingForMoreThanAChunk_GetsRoomForAllOfIt_AndKeepsWhatCameBefore()
    {
        var buffer = new ChunkedJsonBuffer();
        buffer.GetSpan(3)[..3].Fill((byte)'a');
        buffer.Advance(3);

        var large = buffer.GetSpan(200_000);
        Assert.True(large.Length >= 200_000);
        large[..200_000].Fill((byte)'b');
        buffer.Advance(200_000);

        var bytes = buffer.ToArray();
        Assert.Equal(200_003, bytes.Length);
        Assert.Equal("aaab", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.All(bytes[3..], value => Assert.Equal((byte)'b', value));
    }

    [Fact]
    public void AdvancingPastTheSpanGiven_Throws()
    {
        var buffer = new ChunkedJsonBuffer();
        var room = buffer.GetSpan(1).Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(room + 1));
    }

    [Theory]
    [InlineData(10, 100)]
    [InlineData(5_000, 1_000)]
    [InlineData(5_000, 200_000)]
    public void PastItsLimit_TheBufferOnlyCounts_TheLengthStaysExact(int values, long keepAtMost)
    {
        var limited = new ChunkedJsonBuffer(keepAtMost);
        var growing = new ArrayBufferWriter<byte>();

        Write(limited, values);
        Write(growing, values);

        Assert.Equal(growing.WrittenCount, limited.Length);
        Assert.Equal(growing.WrittenCount <= keepAtMost, limited.Kept);
        if (limited.Kept)
        {
            Assert.Equal(growing.WrittenSpan.ToArray(), limited.ToSequence().ToArray());
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => limited.ToSequence());
        }
    }

    private static void Write(IBufferWriter<byte> output, int values)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        for (var i = 0; i < values; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", i);
            writer.WriteString("text", new string((char)('a' + (i % 26)), i % 700));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
