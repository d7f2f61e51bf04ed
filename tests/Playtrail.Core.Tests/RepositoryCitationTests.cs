using System.Text.RegularExpressions;

namespace Playtrail.Core.Tests;

/// <summary>
/// A clone of this repository alone can follow every citation in it: code and docs cite the project's own decision
/// records (docs/decisions/) and API reference (docs/reference/), never a document that lives outside the repository,
/// and every decision record or reference anchor cited exists.
/// </summary>
public sealed partial class RepositoryCitationTests
{
    private const string Reference = "docs/reference/media-collection-api.md";

    private static readonly string[] ScannedFolders = ["src", "tests", "benchmarks", "docs"];

    private static readonly string[] ScannedRootFiles = ["README.md", "CHANGELOG.md"];

    private static readonly string[] ScannedExtensions = [".cs", ".md", ".js", ".html", ".css", ".csproj", ".props", ".json", ".txt"];

    private static readonly string[] SkippedFolders = ["bin", "obj", "TestResults", "node_modules", "lib"];

    /// <summary>Names of documents that once lived beside the repository rather than in it.</summary>
    private static readonly string[] OutsideDocuments = ["design.md", "style.md"];

    private static readonly string Root = FindRoot();

    private static readonly IReadOnlyList<(string Path, string[] Lines)> Files = ScanFiles();

    [Fact]
    public void NoFile_CitesAnOutsideDocument()
    {
        var offenders = new List<string>();
        foreach (var (path, lines) in Files)
        {
            for (var index = 0; index < lines.Length; index++)
            {
                var line = lines[index];
                var problem = OutsideCitation(line);
                if (problem is not null)
                {
                    offenders.Add($"{path}:{index + 1}: {problem}: {line.Trim()}");
                }
            }
        }

        Assert.True(offenders.Count == 0, "Cite docs/decisions/ or docs/reference/ instead:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void EveryCitedDecisionRecord_Exists()
    {
        var missing = new List<string>();
        foreach (var (path, lines) in Files)
        {
            var folder = Path.GetDirectoryName(path)!.Replace('\\', '/');
            for (var index = 0; index < lines.Length; index++)
            {
                foreach (Match match in DecisionPath().Matches(lines[index]))
                {
                    if (!File.Exists(Path.Combine(Root, "docs", "decisions", match.Groups["file"].Value)))
                    {
                        missing.Add($"{path}:{index + 1}: {match.Value}");
                    }
                }

                // Inside docs/decisions/, records link each other by file name alone.
                if (folder == "docs/decisions")
                {
                    foreach (Match match in SiblingRecordLink().Matches(lines[index]))
                    {
                        if (!File.Exists(Path.Combine(Root, "docs", "decisions", match.Groups["file"].Value)))
                        {
                            missing.Add($"{path}:{index + 1}: {match.Groups["file"].Value}");
                        }
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, "Cited decision records that do not exist:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryCitedReferenceSection_Exists()
    {
        var anchors = AnchorId().Matches(File.ReadAllText(Path.Combine(Root, Reference)))
            .Select(match => match.Groups["id"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (path, lines) in Files)
        {
            var isReference = path == Reference;
            for (var index = 0; index < lines.Length; index++)
            {
                var cited = ReferenceAnchor().Matches(lines[index]).Select(match => match.Groups["id"].Value);
                if (isReference)
                {
                    cited = cited.Concat(LocalAnchor().Matches(lines[index]).Select(match => match.Groups["id"].Value));
                }

                missing.AddRange(cited.Where(id => !anchors.Contains(id)).Select(id => $"{path}:{index + 1}: #{id}"));
            }
        }

        Assert.True(missing.Count == 0, $"Sections cited but not in {Reference}:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryDecisionRecord_IsListedInTheIndex()
    {
        var index = File.ReadAllText(Path.Combine(Root, "docs", "decisions", "README.md"));
        var records = Directory.GetFiles(Path.Combine(Root, "docs", "decisions"), "????-*.md").Select(Path.GetFileName).ToList();

        Assert.NotEmpty(records);
        Assert.All(records, record => Assert.Contains($"({record})", index, StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_SeesTheCodeAndItsCitations()
    {
        // Guards the checks above against passing because they read nothing.
        Assert.Contains(Files, file => file.Path == "src/Playtrail.Core/Processing/SessionProcessor.cs" || file.Path.EndsWith("/SessionProcessor.cs", StringComparison.Ordinal));
        Assert.Contains(Files, file => file.Path.StartsWith("src/", StringComparison.Ordinal) && file.Lines.Any(line => DecisionPath().IsMatch(line)));
        Assert.Contains(Files, file => file.Path.StartsWith("src/", StringComparison.Ordinal) && file.Lines.Any(line => ReferenceAnchor().IsMatch(line)));
        Assert.NotNull(OutsideCitation("// see fact sheet 4.2"));
        Assert.NotNull(OutsideCitation("/// <summary>Ads count (decision 14).</summary>"));
        Assert.NotNull(OutsideCitation("(decisions 11 and 12)"));
        Assert.NotNull(OutsideCitation("read ../shared/spec/decisions.md"));
        Assert.Null(OutsideCitation("/// <summary>Ads count (docs/decisions/0014-ads-chapters-states.md).</summary>"));
        Assert.Null(OutsideCitation("the same code ([decision 0009](decisions/0009-one-processor-event-order.md))."));
    }

    /// <summary>What makes <paramref name="line"/> cite something outside the repository, or null when nothing does.</summary>
    private static string? OutsideCitation(string line)
    {
        if (line.Contains("fact sheet", StringComparison.OrdinalIgnoreCase) || line.Contains("fact-sheet", StringComparison.OrdinalIgnoreCase))
        {
            return "a fact sheet";
        }

        if (line.Contains("../shared", StringComparison.Ordinal) || line.Contains("shared/spec", StringComparison.Ordinal)
            || OutsideSpec().IsMatch(line))
        {
            return "a path outside the repository";
        }

        foreach (var name in OutsideDocuments)
        {
            if (Regex.IsMatch(line, @"(?<![\w/.-])" + Regex.Escape(name)) && !Files.Any(file => file.Path.EndsWith("/" + name, StringComparison.Ordinal) || file.Path == name))
            {
                return name;
            }
        }

        // "decision N" is fine only as the text of a link into docs/decisions/.
        return NumberedDecision().IsMatch(LinkedDecision().Replace(line, string.Empty)) ? "a numbered decision without its docs/decisions/ path" : null;
    }

    private static List<(string Path, string[] Lines)> ScanFiles()
    {
        var self = "tests/Playtrail.Core.Tests/" + nameof(RepositoryCitationTests) + ".cs";
        var paths = ScannedFolders
            .Where(folder => Directory.Exists(Path.Combine(Root, folder)))
            .SelectMany(folder => Walk(Path.Combine(Root, folder)))
            .Concat(ScannedRootFiles.Select(file => Path.Combine(Root, file)).Where(File.Exists));
        return paths
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Where(path => path != self)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path: path, Lines: File.ReadAllLines(Path.Combine(Root, path))))
            .ToList();
    }

    private static IEnumerable<string> Walk(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (ScannedExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            {
                yield return file;
            }
        }

        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(child);
            if (!name.StartsWith('.') && !SkippedFolders.Contains(name, StringComparer.Ordinal))
            {
                foreach (var file in Walk(child))
                {
                    yield return file;
                }
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Playtrail.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Playtrail.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b[Dd]ecisions? \d")]
    private static partial Regex NumberedDecision();

    [GeneratedRegex(@"\[[Dd]ecision \d{4}\]\((?:\.\./)*(?:docs/)?decisions/\d{4}-[a-z0-9-]+\.md\)")]
    private static partial Regex LinkedDecision();

    [GeneratedRegex(@"\bspec/(?:decisions|media-collection-api|media-edge-api)\.md")]
    private static partial Regex OutsideSpec();

    [GeneratedRegex(@"(?:docs/|\.\./|(?<![\w/.-]))decisions/(?<file>\d{4}-[a-z0-9-]+\.md)")]
    private static partial Regex DecisionPath();

    [GeneratedRegex(@"\]\((?<file>\d{4}-[a-z0-9-]+\.md)\)")]
    private static partial Regex SiblingRecordLink();

    [GeneratedRegex(@"reference/media-collection-api\.md#(?<id>[a-z0-9-]+)")]
    private static partial Regex ReferenceAnchor();

    [GeneratedRegex(@"\]\(#(?<id>[a-z0-9-]+)\)")]
    private static partial Regex LocalAnchor();

    [GeneratedRegex(@"<a id=""(?<id>[a-z0-9-]+)""></a>")]
    private static partial Regex AnchorId();
}
