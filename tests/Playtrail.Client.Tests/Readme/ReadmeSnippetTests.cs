using System.Text;
using System.Text.RegularExpressions;
using Playtrail.Testing.Processes;

namespace Playtrail.Client.Tests.Readme;

/// <summary>
/// The README's "SDK in ten lines", taken from README.md by its fenced block, built as the <c>Program.cs</c> of a new
/// console app that references the packed SDK, and run as its own process against a real server: what a developer
/// meets first must compile and deliver. Only the server address in the block is pointed at the test's server.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private const string ReadmeServerUrl = "http://localhost:5080/";

    [Fact]
    public async Task ReadmeSdkSnippet_BuiltAsConsoleApp_DeliversItsSessionBeforeExit_AndOnlyOncePerRun()
    {
        await using var server = await ServerInstance.StartAsync();
        // The app's folder holds only the app's own files: build output under it would be compiled into the app.
        var work = Path.Combine(Path.GetTempPath(), "playtrail-readme-" + Guid.NewGuid().ToString("N"));
        var app = Path.Combine(work, "app");
        Directory.CreateDirectory(app);
        try
        {
            var snippet = SdkSnippet();
            Assert.Contains("using Playtrail.Client;", snippet);
            Assert.Equal(1, Regex.Count(snippet, Regex.Escape(ReadmeServerUrl)));
            Write(Path.Combine(app, "Program.cs"), snippet.Replace(ReadmeServerUrl, server.BaseAddress.ToString(), StringComparison.Ordinal));

            // The SDK as a developer gets it: packed (built in a folder of its own, not in the clone's obj/ that
            // other test runs use), then referenced as a package from that folder.
            var packages = Path.Combine(work, "packages");
            var pack = await ProcessRun.DotnetAsync(
                app, "pack", RepositoryFolder.File("src", "Playtrail.Client", "Playtrail.Client.csproj"), "-o", packages,
                "--artifacts-path", Path.Combine(work, "sdk-artifacts"));
            Assert.True(pack.ExitCode == 0, pack.ToString());
            var package = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, "Playtrail.Client.*.nupkg")));
            Write(Path.Combine(app, "ReadmeApp.csproj"), ConsoleProject(package["Playtrail.Client.".Length..^".nupkg".Length]));
            Write(Path.Combine(app, "nuget.config"), NuGetConfig(packages, await GlobalPackagesFolderAsync(app)));

            // A package cache of its own, so an SDK packed by an earlier run under the same version cannot stand in.
            var build = await ProcessRun.DotnetAsync(
                app, new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(work, "nuget-cache") },
                "build", "--artifacts-path", Path.Combine(work, "artifacts"));
            Assert.True(build.ExitCode == 0, build.ToString());
            var program = Path.Combine(work, "artifacts", "bin", "ReadmeApp", "debug", "ReadmeApp.dll");

            var first = await ProcessRun.DotnetAsync(app, program);

            Assert.True(first.ExitCode == 0, first.ToString());
            Assert.Equal(1, server.Count("sessions"));
            Assert.True(File.Exists(Path.Combine(app, "playtrail-device.db")), "the snippet's device store is in the app's working folder");

            var second = await ProcessRun.DotnetAsync(app, program);

            Assert.True(second.ExitCode == 0, second.ToString());
            Assert.Equal(2, server.Count("sessions"));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The first <c>csharp</c> block under the README's "The SDK in ten lines" heading.</summary>
    private static string SdkSnippet()
    {
        var readme = File.ReadAllText(RepositoryFolder.File("README.md"));
        var section = readme.IndexOf("## The SDK in ten lines", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no 'The SDK in ten lines' section");
        var block = FencedCSharp().Match(readme, section);
        Assert.True(block.Success, "the SDK section of README.md has no ```csharp block");
        return block.Groups["code"].Value;
    }

    /// <summary>What <c>dotnet new console</c> makes, plus <c>dotnet add package Playtrail.Client</c>.</summary>
    private static string ConsoleProject(string sdkVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Playtrail.Client" Version="{sdkVersion}" />
          </ItemGroup>
        </Project>
        """;

    /// <summary>
    /// The packed SDK, and for its dependencies (SQLite, logging) the machine's own package folder read as a feed:
    /// the restore needs no network.
    /// </summary>
    private static string NuGetConfig(string packages, string globalPackages) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="packed" value="{packages}" />
            <add key="machine" value="{globalPackages}" />
          </packageSources>
        </configuration>
        """;

    private static async Task<string> GlobalPackagesFolderAsync(string workingDirectory)
    {
        var locals = await ProcessRun.DotnetAsync(workingDirectory, "nuget", "locals", "global-packages", "--list");
        Assert.True(locals.ExitCode == 0, locals.ToString());
        var line = Assert.Single(locals.OutputLines, line => line.StartsWith("global-packages:", StringComparison.Ordinal));
        return line["global-packages:".Length..].Trim();
    }

    private static void Write(string path, string text) => File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    [GeneratedRegex("^```csharp\\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCSharp();
}
