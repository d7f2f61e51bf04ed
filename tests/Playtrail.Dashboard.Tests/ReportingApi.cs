using System.Text.Json;

namespace Playtrail.Dashboard.Tests;

/// <summary>The reporting API as the tests read it, to compare with what the pages show.</summary>
public sealed class ReportingApi(HttpClient client)
{
    public async Task<JsonElement> GetAsync(string pathAndQuery)
    {
        using var response = await client.GetAsync(pathAndQuery);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The one row of a <c>groupBy=total</c> summary.</summary>
    public async Task<JsonElement> TotalAsync(string query = "")
    {
        var answer = await GetAsync("/api/v1/reports/summary?groupBy=total" + (query.Length > 0 ? "&" + query : ""));
        return Assert.Single(answer.GetProperty("rows").EnumerateArray().ToList());
    }

    /// <summary>The rows of a summary by key.</summary>
    public async Task<Dictionary<string, JsonElement>> RowsByKeyAsync(string query)
    {
        var answer = await GetAsync("/api/v1/reports/summary?" + query);
        return answer.GetProperty("rows").EnumerateArray().ToDictionary(row => row.GetProperty("key").GetString()!);
    }

    /// <summary>A field of a row, or undefined when absent.</summary>
    public static JsonElement Field(JsonElement row, string name) => row.TryGetProperty(name, out var value) ? value : default;

    /// <summary>
    /// Asserts that a page's data-value holds the API's value: null as empty, numbers equal as doubles (the page
    /// writes JavaScript's shortest round-trip form, which parses back to the same double), others as text.
    /// </summary>
    public static void AssertSame(JsonElement expected, string? shown, string what)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                Assert.True(string.IsNullOrEmpty(shown), $"{what}: the API has no value, the page shows '{shown}'");
                break;
            case JsonValueKind.Number:
                var parsed = double.TryParse(shown, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number);
                Assert.True(parsed, $"{what}: the page shows '{shown}', not a number");
                Assert.True(expected.GetDouble() == number, $"{what}: the API answers {expected.GetRawText()}, the page shows {shown}");
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.Equal(expected.GetBoolean() ? "true" : "false", shown);
                break;
            default:
                Assert.Equal(expected.GetString(), shown);
                break;
        }
    }

    /// <summary>Asserts a page's data-value holds <paramref name="expected"/>.</summary>
    public static void AssertSame(double expected, string? shown, string what) =>
        Assert.True(shown is not null && double.Parse(shown, System.Globalization.CultureInfo.InvariantCulture) == expected,
            $"{what}: expected {expected}, the page shows '{shown}'");

    /// <summary>Every day from <paramref name="from"/> to <paramref name="to"/> (yyyy-MM-dd), as the pages list them.</summary>
    public static List<string> Days(string from, string to)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var days = new List<string>();
        for (var day = DateOnly.Parse(from, culture); day <= DateOnly.Parse(to, culture); day = day.AddDays(1))
        {
            days.Add(day.ToString("yyyy-MM-dd", culture));
        }

        return days;
    }
}
