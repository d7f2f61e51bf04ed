using System.Text.RegularExpressions;
using Playtrail.Server.Reporting;
using Playtrail.Storage.Reporting;
using Playtrail.Testing.Processes;

namespace Playtrail.Server.Tests.Reporting;

/// <summary>
/// The summary's fields are listed once, in <see cref="MeasureCatalog"/> (summed measures) and
/// <see cref="ReportFields.Derived"/> (computed ones); the SQL, the rollup updates and the JSON are generated from
/// them. The copies that cannot be generated, the reporting guide and the dashboard's pages, are held to that list here.
/// </summary>
public sealed partial class MeasureCopiesTests
{
    /// <summary>What a summary row serves besides its measures, and what the uploads report's rows hold.</summary>
    private static readonly string[] OtherRowFields = ["key", "name", "contentType", "length", "lateness", "day", "accepted", "repeated", "refused", "refusedBy"];

    private static IEnumerable<string> Served =>
        MeasureCatalog.All.Select(MeasureCatalog.JsonName).Concat(ReportFields.Derived.Select(derived => derived.Name));

    [Fact]
    public void TheReportingGuide_ListsEverySummedAndComputedField_AndNoOther()
    {
        var guide = File.ReadAllText(RepositoryFolder.File("docs", "reporting.md"));
        var section = guide[guide.IndexOf("\n## Measures\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];

        var tabled = section.Split('\n').Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Backticked().Matches(line.Split('|')[1]).Select(match => match.Groups[1].Value));
        var computed = ComputedName().Matches(section).Select(match => match.Groups[1].Value);

        Assert.Equal(Served.Order(StringComparer.Ordinal), tabled.Concat(computed).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheDashboardPages_ReadOnlyFieldsTheReportsServe()
    {
        var known = Served.Concat(OtherRowFields).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(RepositoryFolder.File("src", "Playtrail.Server", "Dashboard", "wwwroot", "assets", "js", "pages"), "*.js")
            .Where(page => Path.GetFileNameWithoutExtension(page) is "overview" or "title" or "content" or "downloaded")
            .ToArray();
        Assert.Equal(4, pages.Length);

        var read = pages.SelectMany(page => RowField().Matches(File.ReadAllText(page)).Select(match => (Page: Path.GetFileName(page), Field: match.Groups[1].Value)))
            .ToArray();

        Assert.Contains(read, entry => entry.Field == "timePlayed");
        Assert.Empty(read.Where(entry => !known.Contains(entry.Field)).Distinct());
    }

    [GeneratedRegex("`([A-Za-z0-9]+)`")]
    private static partial Regex Backticked();

    /// <summary>A computed field as the guide defines it: <c>`name` = formula</c>.</summary>
    [GeneratedRegex("`([A-Za-z0-9]+)` =")]
    private static partial Regex ComputedName();

    /// <summary>A summary field a page reads: <c>row.name</c> or a column's <c>field: 'name'</c>.</summary>
    [GeneratedRegex(@"(?:\brow\.|field: ')([A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex RowField();
}
