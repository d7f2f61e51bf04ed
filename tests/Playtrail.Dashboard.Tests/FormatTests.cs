using Xunit.Abstractions;

namespace Playtrail.Dashboard.Tests;

/// <summary>The one formatting module, run in the browser that shows its text.</summary>
[Collection(DashboardTestGroup.Name)]
public sealed class FormatTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private static readonly (string Call, string Expected)[] Cases =
    [
        ("integer(1234567)", "1,234,567"),
        ("integer(null)", "–"),
        ("decimal(173.756, 2)", "173.76"),
        ("percent(0.1234)", "12.3 %"),
        ("percent(0.004387, 2)", "0.44 %"),
        ("duration(1.24)", "1.2 s"),
        ("duration(45.4)", "45 s"),
        ("duration(725)", "12 min 05 s"),
        ("duration(3725)", "1 h 02 min"),
        ("duration(4334400)", "1,204 h 00 min"),
        ("duration(null)", "–"),
        ("lateness(187200)", "2 d 04 h"),
        ("lateness(90)", "1 min 30 s"),
        ("bitrate(3250.4)", "3,250 kbps"),
        ("times(1)", "once"),
        ("times(3)", "3 times"),
        ("playhead(3725.9)", "1:02:05"),
        ("dateTime(1764864000000, 'Europe/Paris')", "2025-12-04 17:00:00"),
        ("dateTime('2026-07-01T22:30:00Z', 'Europe/Paris')", "2026-07-02 00:30:00"),
        ("day('2026-12-04')", "Fri, Dec 4"),
        ("raw(null)", ""),
        ("raw(0.1)", "0.1"),
    ];

    [Fact]
    public async Task Format_WritesNumbersDurationsAndTimesForPeople()
    {
        await using var page = await fixture.OpenAsync("/", output);

        var failures = new List<string>();
        foreach (var (call, expected) in Cases)
        {
            var text = await page.Page.EvaluateAsync<string>($"async () => (await import('/assets/js/format.js')).{call}");
            if (text != expected)
            {
                failures.Add($"{call} gave '{text}', expected '{expected}'");
            }
        }

        Assert.Empty(failures);
    }
}
