using System.Text.Json;
using Playtrail.Core.Validation;

namespace Playtrail.Server.Ingestion;

/// <summary>An RFC 9457 problem document response; for 400, the full list of validation failures.</summary>
internal sealed class ProblemResult : IResult, IStatusCodeHttpResult
{
    private readonly ErrorCollector? _errors;
    private readonly string _type;
    private readonly string _title;
    private readonly string _detail;
    private readonly string? _rule;
    private readonly TimeSpan? _retryAfter;

    private ProblemResult(int status, string type, string title, string detail, ErrorCollector? errors, string? rule, TimeSpan? retryAfter)
    {
        StatusCode = status;
        _type = type;
        _title = title;
        _detail = detail;
        _errors = errors;
        _rule = rule;
        _retryAfter = retryAfter;
    }

    public int StatusCode { get; }

    /// <summary>The rule a single-problem document names; null for a list of validation failures.</summary>
    public string? Rule => _rule;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <summary>The failures of a payload: a 400, or a 413 when it broke a size limit (the failure names the limit).</summary>
    public static ProblemResult Validation(ErrorCollector errors, bool overLimit = false) =>
        new(overLimit ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, ProblemDocument.ValidationType,
            overLimit ? ProblemDocument.OverLimitTitle : ProblemDocument.ValidationTitle, "", errors, null, null);

    /// <summary>A 400 for a bad query string: every failing parameter listed with pointer <c>/query/name</c>.</summary>
    public static ProblemResult Query(ErrorCollector errors) =>
        new(StatusCodes.Status400BadRequest, "https://playtrail.dev/problems/query", "The query is invalid.", "", errors, null, null);

    /// <summary>A 400 for a bad value in the path: every failing part listed with pointer <c>/path/name</c>.</summary>
    public static ProblemResult Path(ErrorCollector errors) =>
        new(StatusCodes.Status400BadRequest, "https://playtrail.dev/problems/path", "The path is invalid.", "", errors, null, null);

    public static ProblemResult Of(int status, string rule, string title, string detail, TimeSpan? retryAfter = null) =>
        new(status, "https://playtrail.dev/problems/" + rule, title, detail, null, rule, retryAfter);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "application/problem+json";
        if (_retryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        if (_errors is not null)
        {
            ProblemDocument.Write(writer, _type, _title, _errors.Errors, _errors.Truncated, StatusCode);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteString("type", _type);
            writer.WriteString("title", _title);
            writer.WriteNumber("status", StatusCode);
            writer.WriteString("detail", _detail);
            writer.WriteString("rule", _rule);
            writer.WriteEndObject();
        }

        await writer.FlushAsync(httpContext.RequestAborted).ConfigureAwait(false);
    }
}
