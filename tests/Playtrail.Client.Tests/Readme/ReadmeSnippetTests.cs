using System.Text;
using System.Text.RegularExpressions;
using Playtrail.Testing.Processes;

namespace Playtrail.Client.Tests.Readme;

/// <summary>
/// The README's "SDK in ten lines", taken from README.md by its fenced block, built as the <c>Program.cs</c> of a new
/// console app and run as its own process against a real server: what a developer meets first must compile and
/// deliver. Only the server address in the block is pointed at the test's server.
/// </summary>
public sealed partial class ReadmeSnippetTests
{
    private const string ReadmeServerUrl = "http://localhost:5080/";

    [Fact]
    public async Task ReadmeSdkSnippet_BuiltAsConsoleApp_DeliversItsSessionBeforeExit_AndOnlyOncePerRun()
    {
        await using var server = await ServerInstance.StartAsync();
        var app = Path.Combine(Path.GetTempPath(), "playtrail-readme-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(app);
        try
        {
            var snippet = SdkSnippet();
            Assert.Contains("using Playtrail.Client;", snippet);
            Assert.Equal(1, Regex.Count(snippet, Regex.Escape(ReadmeServerUrl)));
            Write(Path.Combine(app, "Program.cs"), snippet.Replace(ReadmeServerUrl, server.BaseAddress.ToString(), StringComparison.Ordinal));
            Write(Path.Combine(app, "ReadmeApp.csproj"), ConsoleProject());

            // Its own artifacts folder: the SDK project is built here, not in the clone's obj/ other test runs use.
            var build = await ProcessRun.DotnetAsync(app, "build", "--artifacts-path", Path.Combine(app, "artifacts"));
            Assert.True(build.ExitCode == 0, build.ToString());
            var program = Path.Combine(app, "artifacts", "bin", "ReadmeApp", "debug", "ReadmeApp.dll");

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
            Directory.Delete(app, recursive: true);
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

    /// <summary>What <c>dotnet new console</c> makes, plus the reference to the SDK.</summary>
    private static string ConsoleProject() => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{RepositoryFolder.File("src", "Playtrail.Client", "Playtrail.Client.csproj")}" />
          </ItemGroup>
        </Project>
        """;

    private static void Write(string path, string text) => File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

    [GeneratedRegex("^```csharp\\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCSharp();
}
