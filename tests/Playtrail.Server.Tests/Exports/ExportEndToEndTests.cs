using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Playtrail.Server.Tests.Exports;

/// <summary>
/// Online and downloaded sessions posted to a real server (Kestrel port, SQLite file), processed, then exported in each
/// format; every row is checked against what <c>GET /api/v1/sessions/{sid}</c> and its <c>/calls</c> say.
/// </summary>
public sealed class ExportEndToEndTests : IAsyncLifetime, IDisposable
{
    /// <summary>2026-11-10T12:00:00Z.</summary>
    private const long Watched = 1_794_312_000_000;

    private const string Range = "from=2026-11-09&to=2026-11-11";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "playtrail-export-e2e-" + Guid.NewGuid().ToString("N"));
    private ServerInstance _server = null!;
    private List<string> _sessionIds = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _server = await ServerInstance.StartAsync();
        var online = await _server.StartSessionAsync(Watched);
        foreach (var (type, playhead, ts) in new[] { ("play", 0.0, Watched + 1_000), ("ping", 10.0, Watched + 11_000), ("sessionComplete", 20.0, Watched + 21_000) })
        {
            using var posted = await _server.PostJsonAsync($"/api/v1/sessions/{online}/events", Samples.Event(type, playhead, ts));
            Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        }

        using var downloaded = await _server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(8, Watched + 3_600_000));
        using var longer = await _server.PostJsonAsync("/api/v1/downloaded", Samples.LongDownloaded(20, Watched + 7_200_000));
        // Watched in 2018: outside the range, never exported.
        using var old = await _server.PostJsonAsync("/api/v1/downloaded", Samples.SeedDownloaded());
        _sessionIds = [online, ServerInstance.SessionIdOf(downloaded), ServerInstance.SessionIdOf(longer)];
        foreach (var sessionId in _sessionIds)
        {
            await Eventually.WaitAsync(async () => (await _server.Client.GetAsync($"/api/v1/sessions/{sessionId}/calls")).StatusCode, status => status == HttpStatusCode.OK);
        }
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task SessionsExport_HasOneRowPerProcessedSessionOfTheRange_AgreeingWithEachReport(string format)
    {
        var (rows, advertised) = await SessionRowsAsync(format, "");

        Assert.Equal(3, advertised);
        Assert.Equal(_sessionIds.Order(StringComparer.Ordinal), rows.Select(row => row.SessionId).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            using var report = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{row.SessionId}"));
            using var calls = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{row.SessionId}/calls"));
            var root = report.RootElement;
            Assert.Equal(root.GetProperty("downloaded").GetBoolean(), row.Downloaded);
            Assert.Equal(root.GetProperty("status").GetString(), row.Status);
            Assert.Equal(root.GetProperty("media").GetProperty("id").GetString(), row.MediaId);
            Assert.Equal(root.GetProperty("firstEventTs").GetInt64(), row.FirstEventTs);
            Assert.Equal(root.GetProperty("metrics").GetProperty("timePlayed").GetDouble(), row.TimePlayed, 9);
            Assert.Equal(calls.RootElement.GetArrayLength(), row.CallCount);
            Assert.Equal("2026-11-10", row.Day);
            Assert.Equal(row.Downloaded ? 1 : 0, row.DownloadedSessions);
        }
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task CallsExport_HasEveryCallOfEverySession_InOrder_EqualToTheCallsRoute(string format)
    {
        var (rows, advertised) = await CallRowsAsync(format, "");

        Assert.Equal(rows.Count, advertised);
        foreach (var sessionId in _sessionIds)
        {
            using var calls = JsonDocument.Parse(await _server.Client.GetStringAsync($"/api/v1/sessions/{sessionId}/calls"));
            var expected = calls.RootElement.EnumerateArray().ToList();
            var exported = rows.Where(row => row.SessionId == sessionId).OrderBy(row => row.CallIndex).ToList();
            Assert.Equal(expected.Count, exported.Count);
            Assert.Equal(Enumerable.Range(0, expected.Count).Select(index => (long)index), exported.Select(row => row.CallIndex));
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].GetProperty("type").GetString(), exported[i].Type);
                var ts = expected[i].GetProperty("ts");
                Assert.Equal(ts.ValueKind == JsonValueKind.Null ? null : ts.GetInt64(), exported[i].Ts);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i].GetProperty("contextData").GetRawText()), JsonNode.Parse(exported[i].ContextData)),
                    $"call {i} of {sessionId}: {exported[i].ContextData}");
            }
        }
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("csv")]
    [InlineData("parquet")]
    public async Task Filters_NarrowBothExports(string format)
    {
        var (online, advertisedOnline) = await SessionRowsAsync(format, "&downloaded=false");
        var (calls, _) = await CallRowsAsync(format, "&downloaded=true");

        Assert.Equal(1, advertisedOnline);
        Assert.Equal([(_sessionIds[0], false)], online.Select(row => (row.SessionId, row.Downloaded)));
        Assert.All(calls, call => Assert.NotNull(call.Ts));
        Assert.Equal(_sessionIds[1..].Order(StringComparer.Ordinal), calls.Select(call => call.SessionId).Distinct().Order(StringComparer.Ordinal));
    }

    private sealed record SessionLine(string SessionId, string Day, bool Downloaded, string Status, string MediaId, long FirstEventTs, long CallCount, double TimePlayed, long DownloadedSessions);

    private sealed record CallLine(string SessionId, long CallIndex, string Type, long? Ts, string ContextData);

    private async Task<(List<SessionLine> Rows, long Advertised)> SessionRowsAsync(string format, string filters)
    {
        var (path, advertised) = await DownloadAsync("sessions", format, filters);
        if (format == "ndjson")
        {
            return ([.. Lines(path).Select(line => new SessionLine(
                line.GetProperty("sessionId").GetString()!, line.GetProperty("day").GetString()!, line.GetProperty("downloaded").GetBoolean(),
                line.GetProperty("status").GetString()!, line.GetProperty("mediaId").GetString()!, line.GetProperty("firstEventTs").GetInt64(),
                line.GetProperty("callCount").GetInt64(), line.GetProperty("timePlayed").GetDouble(), line.GetProperty("downloadedSessions").GetInt64()))], advertised);
        }

        var rows = DuckDbFile.Query(
            $"SELECT sessionId, CAST(day AS VARCHAR), downloaded, status, mediaId, firstEventTs, callCount, timePlayed, downloadedSessions FROM {Reader(path, format)}");
        return ([.. rows.Select(row => new SessionLine((string)row[0], (string)row[1], (bool)row[2], (string)row[3], (string)row[4],
            Convert.ToInt64(row[5], CultureInfo.InvariantCulture), Convert.ToInt64(row[6], CultureInfo.InvariantCulture),
            Convert.ToDouble(row[7], CultureInfo.InvariantCulture), Convert.ToInt64(row[8], CultureInfo.InvariantCulture)))], advertised);
    }

    private async Task<(List<CallLine> Rows, long Advertised)> CallRowsAsync(string format, string filters)
    {
        var (path, advertised) = await DownloadAsync("calls", format, filters);
        if (format == "ndjson")
        {
            return ([.. Lines(path).Select(line => new CallLine(
                line.GetProperty("sessionId").GetString()!, line.GetProperty("callIndex").GetInt64(), line.GetProperty("type").GetString()!,
                line.GetProperty("ts").ValueKind == JsonValueKind.Null ? null : line.GetProperty("ts").GetInt64(),
                line.GetProperty("contextData").GetRawText()))], advertised);
        }

        var rows = DuckDbFile.Query($"SELECT sessionId, callIndex, type, ts, contextData FROM {Reader(path, format)}");
        return ([.. rows.Select(row => new CallLine((string)row[0], Convert.ToInt64(row[1], CultureInfo.InvariantCulture), (string)row[2],
            row[3] is DBNull ? null : Convert.ToInt64(row[3], CultureInfo.InvariantCulture), (string)row[4]))], advertised);
    }

    private async Task<(string Path, long Advertised)> DownloadAsync(string kind, string format, string filters)
    {
        using var response = await _server.Client.GetAsync($"/api/v1/exports/{kind}?{Range}&format={format}{filters}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(_directory, $"{kind}-{Guid.NewGuid():N}.{format}");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return (path, long.Parse(response.Headers.GetValues("Playtrail-Export-Rows").Single(), CultureInfo.InvariantCulture));
    }

    private static IEnumerable<JsonElement> Lines(string path) =>
        File.ReadAllText(path, Encoding.UTF8).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone());

    /// <summary>DuckDB's table function for the file; CSV column types are sniffed, as a loader would.</summary>
    private static string Reader(string path, string format) =>
        format == "csv" ? $"read_csv('{path}', header = true, quote = '\"', escape = '\"')" : $"read_parquet('{path}')";
}
