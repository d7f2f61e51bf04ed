using System.IO.Pipelines;
using System.Text.Json;
using Playtrail.Server.Exports;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Tests.Exports;

public sealed class ParquetExportWriterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "playtrail-parquet-" + Guid.NewGuid().ToString("N"));

    public ParquetExportWriterTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<string> FileAsync(ExportKind kind, params ExportedSession[] sessions)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".parquet");
        await File.WriteAllBytesAsync(path, await ExportSamples.ExportAsync(kind, ExportFormat.Parquet, sessions));
        return path;
    }

    [Fact]
    public async Task SessionsFile_OpensInDuckDb_WithTypedColumns_NullableWhereNullOccurs()
    {
        var path = await FileAsync(ExportKind.Sessions, ExportSamples.Online(), ExportSamples.Downloaded());

        var types = DuckDbFile.Types(path);
        Assert.Equal(SessionColumns.All.Select(column => column.Name), types.Keys);
        Assert.Equal(
            [("sessionId", "VARCHAR"), ("day", "DATE"), ("downloaded", "BOOLEAN"), ("mediaName", "VARCHAR"), ("mediaLength", "DOUBLE"),
             ("firstEventTs", "BIGINT"), ("receivedAt", "TIMESTAMP WITH TIME ZONE"), ("processedAt", "TIMESTAMP WITH TIME ZONE"),
             ("eventCount", "BIGINT"), ("latenessSeconds", "DOUBLE")],
            types.Where(type => type.Key is "sessionId" or "day" or "downloaded" or "mediaName" or "mediaLength" or "firstEventTs"
                or "receivedAt" or "processedAt" or "eventCount" or "latenessSeconds").Select(type => (type.Key, type.Value)));
        Assert.All(MeasureCatalog.All, measure =>
            Assert.Equal(MeasureCatalog.IsCount(measure) ? "BIGINT" : "DOUBLE", types[MeasureCatalog.JsonName(measure)]));
        Assert.Equal(2L, DuckDbFile.Query($"SELECT count(*) FROM read_parquet('{path}')")[0][0]);
    }

    [Fact]
    public async Task SessionsFile_ValuesReadBack_AsWritten()
    {
        var path = await FileAsync(ExportKind.Sessions, ExportSamples.Online(), ExportSamples.Downloaded());

        var rows = DuckDbFile.Query(
            $"""
            SELECT sessionId, CAST(day AS VARCHAR), downloaded, mediaName, latenessSeconds, epoch_ms(receivedAt), epoch_ms(processedAt), timePlayed, completes
            FROM read_parquet('{path}') ORDER BY sessionId DESC
            """);

        Assert.Equal(
            ["online-1", "2026-11-29", false, "Say \"hi\", twice\nthen leave", DBNull.Value, 1_796_013_000_150L, ExportSamples.Received.ToUnixTimeMilliseconds(), 12.5, 0L],
            rows[0]);
        Assert.Equal(
            ["downloaded-1", "2026-11-30", true, DBNull.Value, 86_400.5, ExportSamples.Received.ToUnixTimeMilliseconds(), ExportSamples.Received.ToUnixTimeMilliseconds() + 1_000, 35.25, 1L],
            rows[1]);
    }

    [Fact]
    public async Task CallsFile_HasATimestampBesideTheEpochTs_AndTheContextDataAsJsonText()
    {
        var path = await FileAsync(ExportKind.Calls, ExportSamples.Online(), ExportSamples.Downloaded());

        var types = DuckDbFile.Types(path);
        Assert.Equal(CallColumns.All.Select(column => column.Name), types.Keys);
        Assert.Equal(["VARCHAR", "BIGINT", "VARCHAR", "BIGINT", "TIMESTAMP WITH TIME ZONE", "BOOLEAN", "VARCHAR", "VARCHAR", "DATE", "VARCHAR", "DOUBLE", "BOOLEAN", "VARCHAR"], types.Values);
        var rows = DuckDbFile.Query($"SELECT callIndex, type, ts, epoch_ms(tsUtc), itemId, timePlayed, complete, contextData FROM read_parquet('{path}')");
        Assert.Equal(7, rows.Count);
        Assert.Equal([0L, "start", DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value], rows[0][..7]);
        var adClose = rows[4];
        var ts = ExportSamples.LateEveningInNewYork + 3_600_000 + 60_000;
        Assert.Equal([2L, "adClose", ts, ts, "ad-1", 15.0, true], adClose[..7]);
        Assert.Equal("ad-1", JsonDocument.Parse((string)adClose[7]).RootElement.GetProperty("a.media.ad.name").GetString());
    }

    [Fact]
    public async Task RowGroups_HoldAtMostTheirSize_AndTogetherEveryRow()
    {
        var path = Path.Combine(_directory, "groups.parquet");
        await using (var file = File.Create(path))
        {
            var output = PipeWriter.Create(file);
            await using (var writer = new ParquetExportWriter<SessionRow>(SessionColumns.All, output, rowGroupRows: 300))
            {
                for (var i = 0; i < 1_000; i++)
                {
                    await writer.WriteAsync(new SessionRow(ExportSamples.Online($"s-{i:D4}"), new DateOnly(2026, 11, 29)), CancellationToken.None);
                }

                await writer.CompleteAsync(CancellationToken.None);
            }

            await output.CompleteAsync();
        }

        var groups = DuckDbFile.Query($"SELECT row_group_id, any_value(row_group_num_rows) FROM parquet_metadata('{path}') GROUP BY 1 ORDER BY 1");
        Assert.Equal([300L, 300L, 300L, 100L], groups.Select(group => Convert.ToInt64(group[1])));
        Assert.Equal(1_000L, DuckDbFile.Query($"SELECT count(DISTINCT sessionId) FROM read_parquet('{path}')")[0][0]);
    }

    [Fact]
    public async Task NoRows_IsStillAFileWithTheSchema()
    {
        var path = await FileAsync(ExportKind.Sessions);

        Assert.Equal(0L, DuckDbFile.Query($"SELECT count(*) FROM read_parquet('{path}')")[0][0]);
        Assert.Equal("DATE", DuckDbFile.Types(path)["day"]);
    }
}
