using System.IO.Compression;
using System.Xml.Linq;
using Playtrail.Testing;
using Playtrail.Testing.Processes;

namespace Playtrail.Cli.Tests.Packaging;

/// <summary>
/// The packages as a user gets them: the SDK and the CLI packed from this clone into a folder, the CLI installed from
/// that folder as a .NET tool, then run as <c>playtrail</c>. Everything stays in a temporary folder: the build
/// output (not the clone's obj/), the package cache and the tool path, so nothing comes from an earlier run or from
/// a feed on the network.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task PackedCli_InstalledAsTool_ValidatesFilesWithTheCliExitCodes_AndSdkPackageCarriesReadmeLicenceAndSymbols()
    {
        var packages = Path.Combine(_work.Path, "packages");
        var artifacts = Path.Combine(_work.Path, "artifacts");
        foreach (var project in new[] { "Playtrail.Client", "Playtrail.Cli" })
        {
            var pack = await ProcessRun.DotnetAsync(
                _work.Path, "pack", RepositoryFolder.File("src", project, project + ".csproj"), "-o", packages, "--artifacts-path", artifacts);
            Assert.True(pack.ExitCode == 0, pack.ToString());
        }

        var sdk = Assert.Single(Directory.GetFiles(packages, "Playtrail.Client.*.nupkg"));
        var nuspec = SdkNuspec(sdk);
        Assert.Equal("MIT", Element(nuspec, "license"));
        Assert.Equal("README.md", Element(nuspec, "readme"));
        Assert.Contains(NuspecFiles(sdk), name => name == "README.md");
        Assert.Contains(NuspecFiles(sdk), name => name == "lib/netstandard2.1/Playtrail.Client.dll");
        Assert.Contains(NuspecFiles(sdk), name => name == "lib/net10.0/Playtrail.Client.dll");
        Assert.Single(Directory.GetFiles(packages, "Playtrail.Client.*.snupkg"));
        Assert.Single(Directory.GetFiles(packages, "playtrail.*.snupkg"));

        var tool = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, "playtrail.*.nupkg")));
        var version = tool["playtrail.".Length..^".nupkg".Length];
        var toolPath = Path.Combine(_work.Path, "tools");
        // Only the folder as a source, and a cache of its own: the install cannot be satisfied by a stale copy.
        var config = _work.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="packed" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var install = await ProcessRun.DotnetAsync(
            _work.Path,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_work.Path, "nuget-cache") },
            "tool", "install", "--tool-path", toolPath, "--add-source", packages, "--configfile", config, "--version", version, "playtrail");
        Assert.True(install.ExitCode == 0, install.ToString());

        var playtrail = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "playtrail.exe" : "playtrail");
        var valid = _work.File("seed.json", Samples.SeedDownloaded());
        var invalid = _work.File("bad.json", Samples.SeedDownloaded().Replace("\"playhead\": 20", "\"playhead\": -20", StringComparison.Ordinal));

        var validRun = await ProcessRun.RunAsync(playtrail, _work.Path, null, "validate", valid);
        var invalidRun = await ProcessRun.RunAsync(playtrail, _work.Path, null, "validate", invalid);

        Assert.Equal(0, validRun.ExitCode);
        Assert.Equal([$"{valid}: valid (6 events)"], validRun.OutputLines);
        Assert.Equal(1, invalidRun.ExitCode);
        Assert.StartsWith($"{invalid}: /3/playerTime/playhead [minimum] ", Assert.Single(invalidRun.OutputLines), StringComparison.Ordinal);
    }

    private static XDocument SdkNuspec(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        using var stream = archive.GetEntry("Playtrail.Client.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static string? Element(XDocument nuspec, string name) =>
        nuspec.Descendants().FirstOrDefault(element => element.Name.LocalName == name)?.Value;

    private static string[] NuspecFiles(string package)
    {
        using var archive = ZipFile.OpenRead(package);
        return [.. archive.Entries.Select(entry => entry.FullName)];
    }
}
