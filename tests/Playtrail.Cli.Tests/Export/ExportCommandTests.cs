using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Playtrail.Cli.Tests.Export;

/// <summary><c>playtrail export</c> against a scripted server: what it asks, what it writes, how it fails.</summary>
public sealed class ExportCommandTests
{
    private const string Csv = "sessionId,mediaName\r\ns-1,\"two\nlines\"\r\ns-2,plain\r\n";

    private static Func<HttpContext, Task> Answer(string body, string contentType = "text/csv; charset=utf-8", string rows = "2") => async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.Headers["Playtrail-Export-Rows"] = rows;
        await context.Response.WriteAsync(body);
    };

    [Fact]
    public async Task Csv_IsWrittenToTheFileAsReceived_RowsCounted_AndTheKeySentAsBearer()
    {
        await using var server = await FakeExportServer.StartAsync(Answer(Csv));
        using var directory = new TempDirectory();
        var output = Path.Combine(directory.Path, "sessions.csv");

        var run = await CliRun.RunAsync(
            "export", "sessions", "--server", server.BaseAddress.ToString(), "--output", output, "--format", "csv",
            "--from", "2026-11-01", "--to", "2026-11-30", "--downloaded", "true", "--media-id", "a b&c", "--api-key", "secret-1", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Csv, await File.ReadAllTextAsync(output));
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v1/exports/sessions?format=csv&from=2026-11-01&to=2026-11-30&downloaded=true&mediaId=a%20b%26c", request.Target);
        Assert.Equal("Bearer secret-1", request.Authorization);
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal((2, 2, Encoding.UTF8.GetByteCount(Csv)), (result.GetProperty("rows").GetInt32(), result.GetProperty("advertisedRows").GetInt32(), result.GetProperty("bytes").GetInt32()));
        Assert.Contains("2/2 rows", run.Error, StringComparison.Ordinal);
        Assert.Equal([output], Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task Parquet_IsShownInBytes_AndReplacesAnOlderFile()
    {
        var body = new string('x', 300_000);
        await using var server = await FakeExportServer.StartAsync(Answer(body, "application/vnd.apache.parquet", rows: "7"));
        using var directory = new TempDirectory();
        var output = directory.File("calls.parquet", "old");

        var run = await CliRun.RunAsync("export", "calls", "--server", server.BaseAddress.ToString(), "-o", output, "--format", "parquet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(body, await File.ReadAllTextAsync(output));
        Assert.Contains("300000 bytes", run.Error, StringComparison.Ordinal);
        Assert.Contains("rows:    - (7 counted by the server before it started)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A400_PrintsTheProblemDocument_EachFailureByPointer_AndExitsOne_WritingNothing()
    {
        const string problem = """
            {"type":"https://playtrail.dev/problems/query","title":"The query is invalid.","status":400,"detail":"2 rules failed; see errors.",
             "errors":[{"pointer":"/query/from","rule":"date","message":"from must be a day written yyyy-MM-dd."},
                       {"pointer":"/query/format","rule":"enum","message":"format must be one of ndjson, csv, parquet."}]}
            """;
        await using var server = await FakeExportServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync(problem);
        });
        using var directory = new TempDirectory();
        var output = Path.Combine(directory.Path, "sessions.ndjson");

        var run = await CliRun.RunAsync("export", "sessions", "--server", server.BaseAddress.ToString(), "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the server answered 400 Bad Request: The query is invalid.: 2 rules failed; see errors.", run.Error, StringComparison.Ordinal);
        Assert.Contains("/query/from [date] from must be a day written yyyy-MM-dd.", run.Error, StringComparison.Ordinal);
        Assert.Contains("/query/format [enum]", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task A401WithoutAKey_SaysHowToGiveOne()
    {
        await using var server = await FakeExportServer.StartAsync(context =>
        {
            context.Response.StatusCode = 401;
            return Task.CompletedTask;
        });
        using var directory = new TempDirectory();

        var run = await CliRun.RunAsync("export", "sessions", "--server", server.BaseAddress.ToString(), "--output", Path.Combine(directory.Path, "s.ndjson"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("401 Unauthorized", run.Error, StringComparison.Ordinal);
        Assert.Contains("--api-key KEY or set PLAYTRAIL_API_KEY", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADownloadCutOffMidway_ExitsOne_AndLeavesNoFile_NorAPartialOne()
    {
        await using var server = TruncatingServer.Start(
            "application/x-ndjson", promised: 100_000, "{\"sessionId\":\"s-1\"}\n", ("Playtrail-Export-Rows", "1000"));
        using var directory = new TempDirectory();
        var output = Path.Combine(directory.Path, "s.ndjson");

        var run = await CliRun.RunAsync("export", "sessions", "--server", server.BaseAddress.ToString(), "--output", output);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the export was cut off", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task CancellingMidway_ExitsOne_AndLeavesNoFile()
    {
        await using var server = await FakeExportServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync("{\"sessionId\":\"s-1\"}\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var directory = new TempDirectory();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await Program.RunAsync(
            ["export", "sessions", "--server", server.BaseAddress.ToString(), "--output", Path.Combine(directory.Path, "s.ndjson")],
            new CommandConsole(new MemoryStream(), output, error), cancellation.Token);

        Assert.Equal(1, exitCode);
        Assert.Contains("cancelled; nothing was written", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AServerThatCannotBeReached_ExitsOne()
    {
        using var directory = new TempDirectory();

        var run = await CliRun.RunAsync("export", "sessions", "--server", "http://127.0.0.1:9", "--output", Path.Combine(directory.Path, "s.ndjson"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("the request to http://127.0.0.1:9/ failed", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--server", "http://h:1", "--output", "f" }, "sessions or calls")]
    [InlineData(new[] { "events", "--server", "http://h:1", "--output", "f" }, "got 'events'")]
    [InlineData(new[] { "sessions", "--output", "f" }, "--server is required")]
    [InlineData(new[] { "sessions", "--server", "http://h:1" }, "--output is required")]
    [InlineData(new[] { "sessions", "--server", "http://h:1", "--output", "f", "--format", "xlsx" }, "--format takes one of ndjson, csv, parquet")]
    [InlineData(new[] { "sessions", "--server", "http://h:1", "--output", "f", "--from", "2026-1-1" }, "--from takes a day written yyyy-MM-dd")]
    [InlineData(new[] { "sessions", "--server", "http://h:1", "--output", "f", "--downloaded", "yes" }, "--downloaded takes one of true, false")]
    public async Task BadArguments_ExitTwo_WithTheReason(string[] args, string reason)
    {
        var run = await CliRun.RunAsync(["export", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheApiKey_ComesFromTheEnvironment_UnlessGiven()
    {
        string[] args = ["calls", "--server", "http://h:1", "--output", "f"];

        Assert.True(Cli.Export.ExportOptions.TryParse(args, "from-env", out var fromEnvironment, out _, out _));
        Assert.True(Cli.Export.ExportOptions.TryParse([.. args, "--api-key", "given"], "from-env", out var given, out _, out _));
        Assert.True(Cli.Export.ExportOptions.TryParse(args, null, out var none, out _, out _));

        Assert.Equal(("from-env", "given", (string?)null), (fromEnvironment.ApiKey, given.ApiKey, none.ApiKey));
    }

    [Fact]
    public void CsvRows_AreCounted_OutsideQuotes_AcrossBufferBoundaries()
    {
        var counter = new Cli.Export.RowCounter("csv");
        var bytes = Encoding.UTF8.GetBytes("a,b\r\n\"x\"\"\ny\",1\r\nz,2\r\n");

        foreach (var chunk in bytes.Chunk(3))
        {
            counter.Count(chunk);
        }

        Assert.Equal(2, counter.Rows);
    }
}
