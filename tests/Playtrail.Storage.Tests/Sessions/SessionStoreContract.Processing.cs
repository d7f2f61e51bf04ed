using System.Globalization;
using System.Text;
using Playtrail.Storage.Reporting;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

public abstract partial class SessionStoreContract
{
    private static readonly DateOnly WatchedOn = new(2018, 6, 26);

    /// <summary>Noon UTC on <see cref="WatchedOn"/>.</summary>
    private static readonly long WatchedTs = TestFacts.Ts(2018, 6, 26);

    [Fact]
    public async Task SaveProcessed_OfAClosedSession_StoresReportCallsAndRollupOnce()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(), idempotencyKey: null);
        var processed = Processed(TestFacts.Of(session.SessionId, "movie-42", downloaded: true, WatchedTs, timePlayed: 32.385, lateness: 86_400));

        var first = await Store.SaveProcessedSessionAsync(processed, None);
        var second = await Store.SaveProcessedSessionAsync(processed, None);

        Assert.True(first);
        Assert.False(second);
        var report = await Store.GetReportAsync(session.SessionId, None);
        Assert.Equal("{\"report\":1}", Encoding.UTF8.GetString(report!.ReportJson));
        Assert.Equal("[{\"call\":1}]", Encoding.UTF8.GetString(report.CallsJson));
        var row = Assert.Single(await Store.GetSummaryAsync(new SummaryQuery(WatchedOn, WatchedOn, SummaryGrouping.Day), None));
        Assert.Equal("2018-06-26", row.Key);
        Assert.Equal(1, row.Sessions);
        Assert.Equal(32.385, row.TimePlayed, 9);
    }

    [Fact]
    public async Task SaveProcessed_WithReportAndCallsInManyChunks_StoresThemByteForByte()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(), idempotencyKey: null);
        var report = Document(3_000_017, seed: 1);
        var calls = Document(70_001, seed: 2);
        var facts = TestFacts.Of(session.SessionId, "movie-42", downloaded: true, WatchedTs);

        var saved = await Store.SaveProcessedSessionAsync(new ProcessedSession(session.SessionId, StoredJson.Of(Chunked(report, 65_536)), StoredJson.Of(Chunked(calls, 4_000)), facts), None);

        Assert.True(saved);
        var stored = await Store.GetReportAsync(session.SessionId, None);
        Assert.Equal(report, stored!.ReportJson);
        Assert.Equal(calls, stored.CallsJson);
    }

    [Fact]
    public async Task SaveProcessed_WithAReportLargerThanKept_WritesItAgainByteForByte_AndTheHeldCallsBesideIt()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(), idempotencyKey: null);
        var report = StoredJson.Write(writer => WriteStrings(writer, 2_000, "r\u00e9port <>"), keepAtMost: 1_000);
        var calls = StoredJson.Write(writer => WriteStrings(writer, 50, "calls"));
        var facts = TestFacts.Of(session.SessionId, "movie-42", downloaded: true, WatchedTs);

        var saved = await Store.SaveProcessedSessionAsync(new ProcessedSession(session.SessionId, report, calls, facts), None);

        Assert.True(saved);
        Assert.False(report.IsHeld);
        Assert.True(calls.IsHeld);
        var stored = await Store.GetReportAsync(session.SessionId, None);
        Assert.Equal(Written(writer => WriteStrings(writer, 2_000, "r\u00e9port <>")), stored!.ReportJson);
        Assert.Equal(Written(writer => WriteStrings(writer, 50, "calls")), stored.CallsJson);
    }

    [Fact]
    public async Task SaveProcessed_OfAnOpenSession_IsRefused()
    {
        var session = await StartOnlineSessionAsync();

        var saved = await Store.SaveProcessedSessionAsync(Processed(TestFacts.Of(session.SessionId, "movie-42", downloaded: false, WatchedTs)), None);

        Assert.False(saved);
        Assert.Null(await Store.GetReportAsync(session.SessionId, None));
        Assert.Empty(await Store.GetSummaryAsync(new SummaryQuery(DateOnly.MinValue, DateOnly.MaxValue, SummaryGrouping.Day), None));
    }

    [Fact]
    public async Task Unprocessed_ListsClosedSessionsUntilTheyAreProcessed()
    {
        var open = await StartOnlineSessionAsync();
        var closed = await UploadAsync(StoreInputs.DownloadedBody(), idempotencyKey: null);

        var before = await Store.GetUnprocessedSessionIdsAsync(100, None);
        await Store.SaveProcessedSessionAsync(Processed(TestFacts.Of(closed.SessionId, "movie-42", downloaded: true, WatchedTs)), None);
        var after = await Store.GetUnprocessedSessionIdsAsync(100, None);

        Assert.Equal([closed.SessionId], before);
        Assert.Empty(after);
        Assert.DoesNotContain(open.SessionId, before);
    }

    [Fact]
    public async Task Summary_SumsEachGroup_AndReadsLatenessPercentilesFromTheHistogram()
    {
        var lateness = new[] { 60.0, 3_600, 86_400, 3 * 86_400 };
        for (var i = 0; i < lateness.Length; i++)
        {
            var session = await UploadAsync(StoreInputs.DownloadedBody(StoreInputs.FirstTs + (i * 100_000)), idempotencyKey: null);
            await Store.SaveProcessedSessionAsync(Processed(TestFacts.Of(session.SessionId, "movie-42", downloaded: true, WatchedTs + i, timePlayed: 10, lateness: lateness[i])), None);
        }

        var online = await UploadAsync(StoreInputs.DownloadedBody(StoreInputs.FirstTs + 900_000), idempotencyKey: null);
        await Store.SaveProcessedSessionAsync(Processed(TestFacts.Of(online.SessionId, "show-7", downloaded: false, WatchedTs, timePlayed: 5, contentType: "live")), None);

        var byKind = await Store.GetSummaryAsync(new SummaryQuery(WatchedOn, WatchedOn, SummaryGrouping.Downloaded), None);
        var byMedia = await Store.GetSummaryAsync(new SummaryQuery(WatchedOn, WatchedOn, SummaryGrouping.Media), None);
        var byType = await Store.GetSummaryAsync(new SummaryQuery(WatchedOn, WatchedOn, SummaryGrouping.ContentType), None);
        var otherDays = await Store.GetSummaryAsync(new SummaryQuery(WatchedOn.AddDays(1), WatchedOn.AddDays(30), SummaryGrouping.Day), None);

        Assert.Equal(["online", "downloaded"], byKind.Select(row => row.Key));
        var downloaded = byKind[1];
        Assert.Equal((4L, 4L, 40.0), (downloaded.Sessions, downloaded.DownloadedSessions, downloaded.TimePlayed));
        // Four lateness values: the median (2nd) is one hour, p95 (4th) three days; each within a bucket's width.
        var p50 = LatenessHistogram.Percentile(downloaded.Lateness, 0.5)!.Value;
        var p95 = LatenessHistogram.Percentile(downloaded.Lateness, 0.95)!.Value;
        Assert.InRange(p50, 3_600, 3_600 * 1.19);
        Assert.InRange(p95, 3 * 86_400, 3 * 86_400 * 1.19);
        Assert.Empty(byKind[0].Lateness);
        Assert.Equal(["movie-42", "show-7"], byMedia.Select(row => row.Key));
        Assert.Equal(["live", "vod"], byType.Select(row => row.Key));
        // Summaries by content read the per-content rollups, the others the totals: both must count the same.
        Assert.Equal(byMedia.Sum(row => row.Sessions), byType.Sum(row => row.Sessions));
        Assert.Equal(byMedia.Sum(row => row.TimePlayed), byKind.Sum(row => row.TimePlayed), 9);
        Assert.Equal(
            byMedia.SelectMany(row => row.Lateness).Sum(entry => entry.Value),
            byType.SelectMany(row => row.Lateness).Sum(entry => entry.Value));
        Assert.Empty(otherDays);
    }

    [Theory]
    [InlineData("2018-05-31", "2018-07-01", 5)] // a day before June, all of June, a day after
    [InlineData("2018-06-01", "2018-06-30", 3)] // exactly one whole month
    [InlineData("2018-06-02", "2018-06-30", 2)] // June without its first day
    [InlineData("2018-06-15", "2018-08-02", 4)] // half of June, all of July, two days of August
    [InlineData("2018-06-16", "2018-06-29", 0)] // inside a month, on no session's day
    [InlineData("0001-01-01", "9999-12-31", 6)] // everything
    public async Task Summary_ByMedia_ReadsWholeMonthsAndEdgeDays_CountingEachSessionOnce(string from, string to, long expected)
    {
        DateOnly[] watched = [new(2018, 5, 31), new(2018, 6, 1), new(2018, 6, 15), new(2018, 6, 30), new(2018, 7, 1), new(2018, 8, 2)];
        for (var i = 0; i < watched.Length; i++)
        {
            var session = await UploadAsync(StoreInputs.DownloadedBody(StoreInputs.FirstTs + (i * 100_000)), idempotencyKey: null);
            var watchedTs = TestFacts.Ts(watched[i].Year, watched[i].Month, watched[i].Day);
            await Store.SaveProcessedSessionAsync(Processed(TestFacts.Of(session.SessionId, "movie-42", downloaded: true, watchedTs, timePlayed: 10, lateness: 3_600)), None);
        }

        var range = (DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));
        var byMedia = await Store.GetSummaryAsync(new SummaryQuery(range.Item1, range.Item2, SummaryGrouping.Media), None);
        var byDay = await Store.GetSummaryAsync(new SummaryQuery(range.Item1, range.Item2, SummaryGrouping.Day), None);

        Assert.Equal(expected, byMedia.Sum(row => row.Sessions));
        Assert.Equal(expected * 10, byMedia.Sum(row => row.TimePlayed), 9);
        Assert.Equal(expected, byMedia.SelectMany(row => row.Lateness).Sum(entry => entry.Value));
        Assert.Equal(byDay.Sum(row => row.Sessions), byMedia.Sum(row => row.Sessions));
        Assert.Equal(expected == 0 ? [] : ["movie-42"], byMedia.Select(row => row.Key));
    }

    [Fact]
    public async Task ProcessedReports_SurviveARestart()
    {
        var session = await UploadAsync(StoreInputs.DownloadedBody(), idempotencyKey: null);
        await Store.SaveProcessedSessionAsync(Processed(TestFacts.Of(session.SessionId, "movie-42", downloaded: true, WatchedTs)), None);

        await ReopenAsync();

        Assert.NotNull(await Store.GetReportAsync(session.SessionId, None));
        Assert.Single(await Store.GetSummaryAsync(new SummaryQuery(WatchedOn, WatchedOn, SummaryGrouping.Media), None));
    }

    private static ProcessedSession Processed(SessionFacts facts) =>
        new(facts.SessionId, Encoding.UTF8.GetBytes("{\"report\":1}"), Encoding.UTF8.GetBytes("[{\"call\":1}]"), facts);

    private static void WriteStrings(System.Text.Json.Utf8JsonWriter writer, int count, string value)
    {
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            writer.WriteStringValue(value + i.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteEndArray();
    }

    private static byte[] Written(Action<System.Text.Json.Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static byte[] Document(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The bytes as a sequence of chunks of <paramref name="size"/>, as the processor's JSON writers hand them over.</summary>
    private static System.Buffers.ReadOnlySequence<byte> Chunked(byte[] bytes, int size)
    {
        var first = new Chunk(bytes.AsMemory(0, Math.Min(size, bytes.Length)), 0);
        var last = first;
        for (var start = size; start < bytes.Length; start += size)
        {
            last = last.Append(bytes.AsMemory(start, Math.Min(size, bytes.Length - start)));
        }

        return new System.Buffers.ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Chunk : System.Buffers.ReadOnlySequenceSegment<byte>
    {
        public Chunk(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Chunk Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Chunk(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
