namespace Playtrail.Core.Validation;

/// <summary>Builds RFC 6901 JSON pointers. Only called on the failure path.</summary>
public static class JsonPointer
{
    /// <summary>The pointer of element <paramref name="index"/> of a top-level array, or the root when negative.</summary>
    public static string Element(int index) => index < 0 ? string.Empty : "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Appends one reference token, escaping <c>~</c> and <c>/</c>.</summary>
    public static string Append(string pointer, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>Appends several reference tokens.</summary>
    public static string Append(string pointer, string first, string second) => Append(Append(pointer, first), second);
}
