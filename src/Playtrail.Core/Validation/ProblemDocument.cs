using System.Globalization;
using System.Text.Json;

namespace Playtrail.Core.Validation;

/// <summary>
/// Writes the RFC 9457 <c>application/problem+json</c> body of a validation failure (a 400). The server
/// and the CLI both write it through here, so a client sees the same document from either.
/// </summary>
public static class ProblemDocument
{
    /// <summary>The media type of the document.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>The problem type URI of a validation failure.</summary>
    public const string ValidationType = "https://playtrail.dev/problems/validation";

    /// <summary>The title of a validation failure.</summary>
    public const string ValidationTitle = "The payload is invalid.";

    /// <summary>The HTTP status of a validation failure.</summary>
    public const int ValidationStatus = 400;

    /// <summary>The title of a payload refused for breaking a size limit (a 413).</summary>
    public const string OverLimitTitle = "The payload is over a size limit.";

    /// <summary>
    /// Writes <c>{ type, title, status, detail, errors: [{ pointer, rule, message }], truncated? }</c>;
    /// <c>truncated: true</c> appears only when more failures were found than are listed.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<ValidationError> errors, bool truncated) =>
        Write(writer, ValidationType, ValidationTitle, errors, truncated);

    /// <summary>Writes a 400 document of another problem type (a bad query string, say) in the same shape.</summary>
    public static void Write(Utf8JsonWriter writer, string type, string title, IReadOnlyList<ValidationError> errors, bool truncated) =>
        Write(writer, type, title, errors, truncated, ValidationStatus);

    /// <summary>Writes the document in the same shape with another status (413 for a payload over a size limit).</summary>
    public static void Write(Utf8JsonWriter writer, string type, string title, IReadOnlyList<ValidationError> errors, bool truncated, int status)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(errors);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("title", title);
        writer.WriteNumber("status", status);
        writer.WriteString("detail", Detail(errors.Count, truncated));
        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("pointer", error.Pointer);
            writer.WriteString("rule", error.Rule);
            writer.WriteString("message", error.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (truncated)
        {
            writer.WriteBoolean("truncated", true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes the document for the failures <paramref name="errors"/> collected.</summary>
    public static void Write(Utf8JsonWriter writer, ErrorCollector errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Write(writer, errors.Errors, errors.Truncated);
    }

    private static string Detail(int count, bool truncated) =>
        truncated
            ? string.Create(CultureInfo.InvariantCulture, $"More than {count} rules failed; the first {count} are listed in errors.")
            : count == 1
                ? "1 rule failed; see errors."
                : string.Create(CultureInfo.InvariantCulture, $"{count} rules failed; see errors.");
}
