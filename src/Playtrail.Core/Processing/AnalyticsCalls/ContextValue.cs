using System.Globalization;

namespace Playtrail.Core.Processing;

/// <summary>One context-data value of an analytics call: a string, a number or a boolean.</summary>
public readonly record struct ContextValue
{
    private ContextValue(ContextValueKind kind, string? text, double number, bool flag)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Flag = flag;
    }

    /// <summary>Which of the values is set.</summary>
    public ContextValueKind Kind { get; }

    /// <summary>The string, when <see cref="Kind"/> is <see cref="ContextValueKind.String"/>.</summary>
    public string? Text { get; }

    /// <summary>The number, when <see cref="Kind"/> is <see cref="ContextValueKind.Number"/>.</summary>
    public double Number { get; }

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="ContextValueKind.Boolean"/>.</summary>
    public bool Flag { get; }

    /// <summary>A string value.</summary>
    public static ContextValue Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ContextValueKind.String, value, 0, false);
    }

    /// <summary>A number value.</summary>
    public static ContextValue Of(double value) => new(ContextValueKind.Number, null, value, false);

    /// <summary>A boolean value.</summary>
    public static ContextValue Of(bool value) => new(ContextValueKind.Boolean, null, 0, value);

    /// <summary>The value as JSON would show it: the text, <c>true</c>/<c>false</c>, or the number (invariant culture).</summary>
    public override string ToString() => Kind switch
    {
        ContextValueKind.String => Text!,
        ContextValueKind.Boolean => Flag ? "true" : "false",
        _ => Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
