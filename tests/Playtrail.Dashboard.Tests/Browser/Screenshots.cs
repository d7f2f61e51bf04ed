using Microsoft.Playwright;

namespace Playtrail.Dashboard.Tests.Browser;

/// <summary>
/// Screenshots of the pages the tests open: a folder under the test output (emptied at start, printed in the test
/// log), and with <c>PLAYTRAIL_DOC_SCREENSHOTS=&lt;dir&gt;</c> the ones the README shows are written there too.
/// </summary>
public sealed class Screenshots
{
    /// <summary>The environment variable naming the documentation screenshot folder.</summary>
    public const string DocumentationVariable = "PLAYTRAIL_DOC_SCREENSHOTS";

    public Screenshots()
    {
        Folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        Directory.CreateDirectory(Folder);
        if (Environment.GetEnvironmentVariable(DocumentationVariable) is { Length: > 0 } documentation)
        {
            DocumentationFolder = Path.GetFullPath(documentation);
            Directory.CreateDirectory(DocumentationFolder);
        }
    }

    public string Folder { get; }

    public string? DocumentationFolder { get; }

    /// <summary>Saves the whole page as <paramref name="name"/>.png; <paramref name="documentation"/> also writes it to the documentation folder.</summary>
    public async Task<string> SaveAsync(IPage page, string name, bool documentation = false)
    {
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        if (documentation && DocumentationFolder is { } folder)
        {
            File.Copy(path, Path.Combine(folder, name + ".png"), overwrite: true);
        }

        return path;
    }
}
