using System.Globalization;
using Playtrail.Core.Validation;
using Playtrail.Storage.Reporting;

namespace Playtrail.Server.Reporting;

/// <summary>
/// Reads the query parameters every reporting route shares (<c>from</c>, <c>to</c>, <c>contentType</c>,
/// <c>downloaded</c>, <c>mediaId</c>) and the ones some use, collecting every failure with its pointer
/// (<c>/query/name</c>) and rule, so one 400 names them all.
/// </summary>
internal sealed class ReportParameters(IQueryCollection query, ErrorCollector errors)
{
    /// <summary>Days covered when <c>from</c> is not given.</summary>
    public const int DefaultDays = 30;

    /// <summary>The longest range one request may cover.</summary>
    public const int MaxDays = 3660;

    private const int MaxTextLength = 1024;

    public ErrorCollector Errors => errors;

    /// <summary>The days and filters; null (with failures collected) when a parameter is wrong.</summary>
    public ReportScope? Scope(ReportZone zone, DateTimeOffset now)
    {
        var today = zone.DayOf(now);
        var to = Day("to") ?? today;
        var from = Day("from") ?? (to.DayNumber >= DefaultDays - 1 ? to.AddDays(1 - DefaultDays) : DateOnly.MinValue);
        var filter = new ReportFilter(Text("contentType"), Boolean("downloaded"), Text("mediaId"));
        if (!errors.IsEmpty)
        {
            return null;
        }

        if (from > to)
        {
            errors.Add("/query/from", "range", "from must not be after to.");
            return null;
        }

        if (to.DayNumber - from.DayNumber >= MaxDays)
        {
            errors.Add("/query/to", "range", $"The range must be shorter than {MaxDays} days.");
            return null;
        }

        var (start, end) = zone.Range(from, to);
        return new ReportScope(from, to, start, end, filter);
    }

    /// <summary>A <c>yyyy-MM-dd</c> day, null when absent.</summary>
    public DateOnly? Day(string name)
    {
        if (Single(name) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(Pointer(name), "date", $"{name} must be a day written yyyy-MM-dd.");
        return null;
    }

    /// <summary><c>true</c> or <c>false</c>, null when absent.</summary>
    public bool? Boolean(string name)
    {
        switch (Single(name))
        {
            case null:
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                errors.Add(Pointer(name), "boolean", $"{name} must be true or false.");
                return null;
        }
    }

    /// <summary>A non-empty value of at most 1,024 characters, null when absent.</summary>
    public string? Text(string name)
    {
        if (Single(name) is not { } text)
        {
            return null;
        }

        if (text.Length is 0 or > MaxTextLength)
        {
            errors.Add(Pointer(name), "length", $"{name} must hold 1 to {MaxTextLength} characters.");
            return null;
        }

        return text;
    }

    /// <summary>An integer from <paramref name="minimum"/> to <paramref name="maximum"/>, <paramref name="fallback"/> when absent.</summary>
    public int Integer(string name, int fallback, int minimum, int maximum)
    {
        if (Single(name) is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        errors.Add(Pointer(name), "range", $"{name} must be a whole number from {minimum} to {maximum}.");
        return fallback;
    }

    /// <summary>One of <paramref name="allowed"/> (compared ignoring case, returned as listed), <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, IReadOnlyList<string> allowed)
    {
        if (Single(name) is not { } text)
        {
            return fallback;
        }

        foreach (var candidate in allowed)
        {
            if (string.Equals(candidate, text, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        errors.Add(Pointer(name), "enum", $"{name} must be one of {string.Join(", ", allowed)}.");
        return fallback;
    }

    /// <summary>The parameter's one value; a repeated parameter is a failure.</summary>
    public string? Single(string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(Pointer(name), "single", $"{name} may be given once.");
            return null;
        }

        return values[0];
    }

    private static string Pointer(string name) => "/query/" + name;
}
