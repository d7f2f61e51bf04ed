using System.IO.Pipelines;
using System.Text;
using Playtrail.Server.Exports;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Tests.Exports;

public sealed class CsvExportWriterTests
{
    private sealed record Item(string Id, string? Note, long Count, double? Share, bool Flag, DateOnly Day, DateTimeOffset? At, string Json);

    private static readonly ExportColumn<Item>[] Columns =
    [
        ExportColumn<Item>.Text("id", item => item.Id),
        ExportColumn<Item>.NullableText("note", item => item.Note),
        ExportColumn<Item>.Int64("count", item => item.Count),
        ExportColumn<Item>.NullableDouble("share", item => item.Share),
        ExportColumn<Item>.Boolean("flag", item => item.Flag),
        ExportColumn<Item>.Date("day", item => item.Day),
        ExportColumn<Item>.NullableTimestamp("at", item => item.At),
        ExportColumn<Item>.Json("data", item => Encoding.UTF8.GetBytes(item.Json)),
    ];

    private static async Task<string> WriteAsync(params Item[] items)
    {
        using var stream = new MemoryStream();
        var output = PipeWriter.Create(stream);
        await using (var writer = new CsvExportWriter<Item>(Columns, output))
        {
            foreach (var item in items)
            {
                await writer.WriteAsync(item, CancellationToken.None);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        await output.CompleteAsync();
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public async Task SmallTable_IsWrittenExactly_QuotingCommasQuotesAndNewlines_WithNullsEmpty()
    {
        var day = new DateOnly(2026, 11, 30);
        var at = new DateTimeOffset(2026, 11, 30, 12, 34, 56, 789, TimeSpan.FromHours(1)).AddTicks(9999);

        var text = await WriteAsync(
            new Item("a", "plain", 1, 0.5, true, day, at, """{"k":"v"}"""),
            new Item("b,c", "say \"hi\"", -2, null, false, day, null, "{}"),
            new Item("d", "two\nlines", long.MaxValue, 1e-7, true, day, at, """{"a.b":1.5,"t":"x, \"y\""}"""),
            new Item("e", "", 0, 123456789.125, false, day, null, "{}"),
            new Item("f", null, 3, double.NaN, false, day, null, "{}"));

        Assert.Equal(
            "id,note,count,share,flag,day,at,data\r\n" +
            "a,plain,1,0.5,true,2026-11-30,2026-11-30T11:34:56.789Z,\"{\"\"k\"\":\"\"v\"\"}\"\r\n" +
            "\"b,c\",\"say \"\"hi\"\"\",-2,,false,2026-11-30,,\"{}\"\r\n" +
            "d,\"two\nlines\",9223372036854775807,1E-07,true,2026-11-30,2026-11-30T11:34:56.789Z,\"{\"\"a.b\"\":1.5,\"\"t\"\":\"\"x, \\\"\"y\\\"\"\"\"}\"\r\n" +
            "e,\"\",0,123456789.125,false,2026-11-30,,\"{}\"\r\n" +
            "f,,3,,false,2026-11-30,,\"{}\"\r\n",
            text);
    }

    [Fact]
    public async Task NoRows_IsTheHeaderAlone()
    {
        Assert.Equal("id,note,count,share,flag,day,at,data\r\n", await WriteAsync());
    }

    [Fact]
    public async Task SessionsHeader_IsTheSessionColumns_ThenEveryMeasureByItsCatalogueName()
    {
        var text = Encoding.UTF8.GetString(await ExportSamples.ExportAsync(ExportKind.Sessions, ExportFormat.Csv, []));

        string[] expected =
        [
            "sessionId", "day", "downloaded", "status", "closeReason", "mediaId", "mediaName", "contentType", "mediaLength",
            "firstEventTs", "lastEventTs", "receivedAt", "closedAt", "processedAt", "eventCount", "ignoredEventCount", "callCount",
            "latenessSeconds", .. MeasureCatalog.All.Select(MeasureCatalog.JsonName),
        ];
        Assert.Equal(string.Join(',', expected) + "\r\n", text);
        Assert.Contains(",timePlayed,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlineSession_Row_HasTheZonesDay_IsoInstants_EmptyLateness_AndAQuotedName()
    {
        var text = Encoding.UTF8.GetString(await ExportSamples.ExportAsync(ExportKind.Sessions, ExportFormat.Csv, [ExportSamples.Online()]));

        var row = text.Split("\r\n")[1];
        Assert.StartsWith(
            "online-1,2026-11-29,false,ended,end,movie-42,\"Say \"\"hi\"\", twice\nthen leave\",vod,100,1796013000000,1796013020000," +
            "2026-11-30T04:30:00.150Z,2026-11-30T04:30:21.000Z,2026-12-02T08:00:00.123Z,4,0,2,,1,0,1,0,",
            row,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_HaveOneRowEach_WithTheContextDataAsQuotedJsonText()
    {
        var text = Encoding.UTF8.GetString(await ExportSamples.ExportAsync(ExportKind.Calls, ExportFormat.Csv, [ExportSamples.Online()]));

        Assert.Equal(
            "sessionId,callIndex,type,ts,tsUtc,downloaded,mediaId,contentType,day,itemId,timePlayed,complete,contextData\r\n" +
            "online-1,0,start,,,false,movie-42,vod,2026-11-29,,,,\"{\"\"a.media.name\"\":\"\"movie-42\"\",\"\"a.media.view\"\":true}\"\r\n" +
            "online-1,1,close,,,false,movie-42,vod,2026-11-29,,12.5,false,\"{\"\"a.media.name\"\":\"\"movie-42\"\",\"\"a.media.timePlayed\"\":12.5}\"\r\n",
            text);
    }
}
