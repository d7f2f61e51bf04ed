using System.Text;
using System.Text.Json;
using Playtrail.Cli.Validation;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Cli.Tests.Validation;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task ValidSeedFile_ExitsZeroAndSaysValidWithItsEventCount()
    {
        var seed = _files.File("seed.json", Samples.SeedDownloaded());

        var run = await CliRun.RunAsync("validate", seed);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"{seed}: valid (6 events)"], run.OutLines);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task FileWithUtf8ByteOrderMark_IsValidatedAsTheServerReadsIt()
    {
        var path = Path.Combine(_files.Path, "bom.json");
        File.WriteAllText(path, Samples.SeedDownloaded(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var run = await CliRun.RunAsync("validate", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"{path}: valid (6 events)"], run.OutLines);
    }

    [Fact]
    public async Task BadFile_ExitsOneAndPrintsEachFailureWithItsPointerAndRule()
    {
        var bad = _files.File("bad.json", Samples.SeedDownloaded().Replace("\"playhead\": 20", "\"playhead\": -20", StringComparison.Ordinal));

        var run = await CliRun.RunAsync("validate", bad);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.OutLines);
        Assert.StartsWith($"{bad}: /3/playerTime/playhead [minimum] ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_ExitsTwoAndSaysItCannotBeRead()
    {
        var missing = Path.Combine(_files.Path, "missing.json");

        var run = await CliRun.RunAsync("validate", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"cannot read {missing}", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task JsonOutput_IsTheServersProblemDocumentWithTheErrorsArray()
    {
        var bad = _files.File("bad.json", "[" + Samples.Event("play", 0, 1) + "]");

        var run = await CliRun.RunAsync("validate", "--json", bad);

        Assert.Equal(1, run.ExitCode);
        using var problem = JsonDocument.Parse(Assert.Single(run.OutLines));
        var root = problem.RootElement;
        Assert.Equal("https://playtrail.dev/problems/validation", root.GetProperty("type").GetString());
        Assert.Equal("The payload is invalid.", root.GetProperty("title").GetString());
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal("/0/eventType", error.GetProperty("pointer").GetString());
        Assert.Equal(ValidationRules.FirstEvent, error.GetProperty("rule").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task JsonOutput_ForAValidFile_IsNull()
    {
        var seed = _files.File("seed.json", Samples.SeedDownloaded());

        var run = await CliRun.RunAsync("validate", "--json", seed);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["null"], run.OutLines);
    }

    [Fact]
    public async Task JsonOutput_WhenFailuresPassTheCap_SaysTruncated()
    {
        var builder = new StringBuilder("[").Append(Samples.SessionStart(1, downloaded: true));
        for (var i = 0; i < ErrorCollector.DefaultCapacity + 5; i++)
        {
            builder.Append(',').Append(Samples.Event("ping", -1, i + 2));
        }

        var bad = _files.File("many.json", builder.Append(']').ToString());

        var run = await CliRun.RunAsync("validate", "--json", bad);

        using var problem = JsonDocument.Parse(Assert.Single(run.OutLines));
        Assert.True(problem.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(ErrorCollector.DefaultCapacity, problem.RootElement.GetProperty("errors").GetArrayLength());
    }

    [Fact]
    public async Task TextOutput_WhenFailuresPassTheCap_EndsWithALineSayingMoreWereFound()
    {
        var builder = new StringBuilder("[").Append(Samples.SessionStart(1, downloaded: true));
        for (var i = 0; i < ErrorCollector.DefaultCapacity + 5; i++)
        {
            builder.Append(',').Append(Samples.Event("ping", -1, i + 2));
        }

        var bad = _files.File("many.json", builder.Append(']').ToString());

        var run = await CliRun.RunAsync("validate", bad);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ErrorCollector.DefaultCapacity + 1, run.OutLines.Length);
        Assert.Contains("more failures not listed", run.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureOfTheWholeBody_IsPrintedWithoutAPointer()
    {
        var empty = _files.File("empty.json", "[]");

        var run = await CliRun.RunAsync("validate", empty);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"{empty}: [minItems] ", Assert.Single(run.OutLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GzipFile_IsDecompressedBeforeValidation()
    {
        var seed = _files.GzipFile("seed.json.gz", Samples.SeedDownloaded());

        var run = await CliRun.RunAsync("validate", seed);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([$"{seed}: valid (6 events)"], run.OutLines);
    }

    [Fact]
    public async Task CorruptGzipFile_ExitsTwo()
    {
        var corrupt = Path.Combine(_files.Path, "corrupt.json.gz");
        // A gzip header followed by a deflate block of the reserved type 3, which no decoder accepts.
        await File.WriteAllBytesAsync(corrupt, [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0x07, 0x00, 0x00, 0x00]);

        var run = await CliRun.RunAsync("validate", corrupt);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"cannot read {corrupt}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dash_ReadsStandardInput()
    {
        var run = await CliRun.RunAsync(["validate", "-"], CliRun.Utf8(TimelineExamples.SessionStart));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["-: valid (1 event)"], run.OutLines);
    }

    [Fact]
    public async Task ArrayWithoutDownloadedFlag_IsValidByDefault_ButNotOnTheSessionsRoute()
    {
        var seed = _files.File("seed.json", Samples.SeedDownloaded(withDownloadedFlag: false));

        var byDefault = await CliRun.RunAsync("validate", seed);
        var onSessions = await CliRun.RunAsync("validate", "--route", "sessions", seed);

        Assert.Equal(0, byDefault.ExitCode);
        Assert.Equal(1, onSessions.ExitCode);
        Assert.StartsWith($"{seed}: /0/params/media.downloaded [downloadedRequired] ", Assert.Single(onSessions.OutLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonSessionStartObject_IsCheckedAsASessionEventByDefault()
    {
        var ping = _files.File("ping.json", TimelineExamples.Ping);

        var byDefault = await CliRun.RunAsync("validate", ping);
        var onSessions = await CliRun.RunAsync("validate", "--route=sessions", ping);

        Assert.Equal(0, byDefault.ExitCode);
        Assert.Equal(1, onSessions.ExitCode);
        Assert.Contains("/eventType [route]", onSessions.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveSessionStartWithDownloadedFlag_FailsAsTheSessionsRouteWould()
    {
        var start = _files.File("start.json", Samples.SessionStart(1, downloaded: true));

        var run = await CliRun.RunAsync("validate", start);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("/params/media.downloaded [downloadedOnLive]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralFiles_AreEachReported_AndTheWorstExitCodeWins()
    {
        var good = _files.File("good.json", Samples.SeedDownloaded());
        var bad = _files.File("bad.json", "[]");
        var missing = Path.Combine(_files.Path, "missing.json");

        var run = await CliRun.RunAsync("validate", good, bad, missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(2, run.OutLines.Length);
        Assert.StartsWith(good + ": valid", run.OutLines[0], StringComparison.Ordinal);
        Assert.StartsWith(bad + ": [minItems]", run.OutLines[1], StringComparison.Ordinal);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidAndInvalidFiles_ExitOne()
    {
        var good = _files.File("good.json", Samples.SeedDownloaded());
        var bad = _files.File("bad.json", "[]");

        var run = await CliRun.RunAsync("validate", good, bad);

        Assert.Equal(1, run.ExitCode);
    }

    [Theory]
    [InlineData("--route", "bogus", "x.json")]
    [InlineData("--route")]
    [InlineData("--frobnicate", "x.json")]
    [InlineData("--json")]
    public async Task BadArguments_ExitTwoWithUsage(params string[] args)
    {
        var run = await CliRun.RunAsync(["validate", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Usage: playtrail validate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_DocumentsTheDefaultRouteChoiceAndExitsZero()
    {
        var run = await CliRun.RunAsync("validate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("an array as POST /api/v1/downloaded", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoubleDash_TreatsWhatFollowsAsFiles()
    {
        var odd = _files.File("--json", Samples.SeedDownloaded());

        var run = await CliRun.RunAsync("validate", "--", odd);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("valid (6 events)", Assert.Single(run.OutLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", IngestionRoute.Downloaded)]
    [InlineData("""{"eventType": "sessionStart"}""", IngestionRoute.Sessions)]
    [InlineData("""{"playerTime": {"ts": 1}, "eventType": "adStart"}""", IngestionRoute.Events)]
    [InlineData("""{"playerTime": {"ts": 1}}""", IngestionRoute.Sessions)]
    [InlineData("""{"eventType": 7}""", IngestionRoute.Sessions)]
    [InlineData("not json", IngestionRoute.Sessions)]
    [InlineData("", IngestionRoute.Sessions)]
    public void ChooseRoute_PicksTheRouteFromTheBodysShape(string body, IngestionRoute expected)
    {
        Assert.Equal(expected, ValidateCommand.ChooseRoute(Encoding.UTF8.GetBytes(body)));
    }
}
