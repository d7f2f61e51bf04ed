using System.Globalization;
using System.Text;

namespace Playtrail.Core.Processing;

/// <summary>One context-data value of an analytics call: a string, a number or a boolean.</summary>
public readonly record struct ContextValue
{
    private readonly string? _text;

    // A string value held as UTF-8 (custom metadata, as Utf8Metadata read it): decoded only when Text is asked for.
    private readonly ReadOnlyMemory<byte>? _utf8;

    private ContextValue(ContextValueKind kind, string? text, ReadOnlyMemory<byte>? utf8, double number, bool flag)
    {
        Kind = kind;
        _text = text;
        _utf8 = utf8;
        Number = number;
        Flag = flag;
    }

    /// <summary>Which of the values is set.</summary>
    public ContextValueKind Kind { get; }

    /// <summary>The string, when <see cref="Kind"/> is <see cref="ContextValueKind.String"/>.</summary>
    public string? Text => _text ?? (_utf8 is { } utf8 ? Encoding.UTF8.GetString(utf8.Span) : null);

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ContextValueKind.Number"/>.</summary>
    public double Number { get; }

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="ContextValueKind.Boolean"/>.</summary>
    public bool Flag { get; }

    /// <summary>The string as UTF-8 when it was made from UTF-8, else null.</summary>
    internal ReadOnlyMemory<byte>? Utf8 => _utf8;

    /// <summary>A string value.</summary>
    public static ContextValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ContextValueKind.String, value, null, 0, false);
    }

    /// <summary>A number value.</summary>
    public static ContextValue Of(double value) => new(ContextValueKind.Number, null, null, value, false);

    /// <summary>A boolean value.</summary>
    public static ContextValue Of(bool value) => new(ContextValueKind.Boolean, null, null, 0, value);

    /// <summary>A string value given as valid UTF-8, kept as it is.</summary>
    internal static ContextValue OfUtf8(ReadOnlyMemory<byte> value) => new(ContextValueKind.String, null, value, 0, false);

    /// <summary>Equal when of the same kind and value, however a string is held.</summary>
    public bool Equals(ContextValue other) =>
        Kind == other.Kind && Number.Equals(other.Number) && Flag == other.Flag && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Text, Number, Flag);

    /// <summary>The value as JSON would show it: the text, <c>true</c>/<c>false</c>, or the number (invariant culture).</summary>
    public override string ToString() => Kind switch
    {
        ContextValueKind.String => Text!,
        ContextValueKind.Boolean => Flag ? "true" : "false",
        _ => Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
