using System.Text;
using System.Text.Json;
using Playtrail.Server.Exports;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Tests.Exports;

public sealed class NdjsonExportWriterTests
{
    private static async Task<List<JsonElement>> LinesAsync(ExportKind kind, params ExportedSession[] sessions)
    {
        var text = Encoding.UTF8.GetString(await ExportSamples.ExportAsync(kind, ExportFormat.Ndjson, sessions));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    [Fact]
    public async Task EachSession_IsOneLine_ThatParsesBack_WithEveryColumnInOrder()
    {
        var lines = await LinesAsync(ExportKind.Sessions, ExportSamples.Online(), ExportSamples.Downloaded());

        Assert.Equal(2, lines.Count);
        Assert.Equal(SessionColumns.All.Select(column => column.Name), lines[0].EnumerateObject().Select(property => property.Name));
        var online = lines[0];
        Assert.Equal("online-1", online.GetProperty("sessionId").GetString());
        Assert.Equal("2026-11-29", online.GetProperty("day").GetString());
        Assert.False(online.GetProperty("downloaded").GetBoolean());
        Assert.Equal("ended", online.GetProperty("status").GetString());
        Assert.Equal("Say \"hi\", twice\nthen leave", online.GetProperty("mediaName").GetString());
        Assert.Equal(1_796_013_000_000, online.GetProperty("firstEventTs").GetInt64());
        Assert.Equal("2026-11-30T04:30:00.150Z", online.GetProperty("receivedAt").GetString());
        Assert.Equal("2026-12-02T08:00:00.123Z", online.GetProperty("processedAt").GetString());
        Assert.Equal(JsonValueKind.Null, online.GetProperty("latenessSeconds").ValueKind);
        Assert.Equal(1, online.GetProperty(MeasureCatalog.JsonName(Measure.Sessions)).GetInt64());
        Assert.Equal(12.5, online.GetProperty("timePlayed").GetDouble());
        Assert.Equal(0.125, online.GetProperty("averageMinuteAudience").GetDouble());
        var downloaded = lines[1];
        Assert.Equal("2026-11-30", downloaded.GetProperty("day").GetString());
        Assert.True(downloaded.GetProperty("downloaded").GetBoolean());
        Assert.Equal(JsonValueKind.Null, downloaded.GetProperty("mediaName").ValueKind);
        Assert.Equal(86_400.5, downloaded.GetProperty("latenessSeconds").GetDouble());
        Assert.Equal(1, downloaded.GetProperty("ignoredEventCount").GetInt64());
    }

    [Fact]
    public async Task Calls_AreOneLineEach_WithContextDataNested_TsNullOnline_AndPromotedColumnsByType()
    {
        var lines = await LinesAsync(ExportKind.Calls, ExportSamples.Online(), ExportSamples.Downloaded());

        Assert.Equal(["start", "close", "start", "adStart", "adClose", "chapterClose", "close"], lines.Select(line => line.GetProperty("type").GetString()));
        Assert.Equal([0, 1, 0, 1, 2, 3, 4], lines.Select(line => line.GetProperty("callIndex").GetInt32()));
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("ts").ValueKind);
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("tsUtc").ValueKind);
        Assert.True(lines[0].GetProperty("contextData").GetProperty("a.media.view").GetBoolean());
        var first = ExportSamples.LateEveningInNewYork + 3_600_000;
        Assert.Equal(first, lines[2].GetProperty("ts").GetInt64());
        Assert.Equal("2026-11-30T05:30:00.000Z", lines[2].GetProperty("tsUtc").GetString());
        Assert.Equal(("ad-1", JsonValueKind.Null), (lines[3].GetProperty("itemId").GetString(), lines[3].GetProperty("timePlayed").ValueKind));
        Assert.Equal(("ad-1", 15.0, true), (lines[4].GetProperty("itemId").GetString(), lines[4].GetProperty("timePlayed").GetDouble(), lines[4].GetProperty("complete").GetBoolean()));
        Assert.Equal(("chapter-1", 20.25, false), (lines[5].GetProperty("itemId").GetString(), lines[5].GetProperty("timePlayed").GetDouble(), lines[5].GetProperty("complete").GetBoolean()));
        Assert.Equal((35.25, true), (lines[6].GetProperty("timePlayed").GetDouble(), lines[6].GetProperty("complete").GetBoolean()));
        Assert.Equal("é\u2028", lines[6].GetProperty("contextData").GetProperty("custom, \"quoted\"").GetString());
        Assert.All(lines[2..], line => Assert.Equal(("downloaded-1", true, "movie-7", "2026-11-30"),
            (line.GetProperty("sessionId").GetString(), line.GetProperty("downloaded").GetBoolean(), line.GetProperty("mediaId").GetString(), line.GetProperty("day").GetString())));
    }

    [Fact]
    public async Task NonAsciiText_IsWrittenAsUtf8_NotEscaped()
    {
        var text = Encoding.UTF8.GetString(await ExportSamples.ExportAsync(ExportKind.Sessions, ExportFormat.Ndjson, [ExportSamples.Online(mediaName: "Amélie à Zürich")]));

        Assert.Contains("\"mediaName\":\"Amélie à Zürich\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyRows_StayOneParsableLineEach_AcrossFlushes()
    {
        var sessions = Enumerable.Range(0, 2_000).Select(i => ExportSamples.Online($"s-{i:D5}")).ToArray();

        var lines = await LinesAsync(ExportKind.Sessions, sessions);

        Assert.Equal(sessions.Select(session => session.Facts.SessionId), lines.Select(line => line.GetProperty("sessionId").GetString()));
    }
}
