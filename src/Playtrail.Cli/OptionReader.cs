using System.Globalization;

namespace Playtrail.Cli;

/// <summary>
/// Walks <c>--name value</c> and <c>--name=value</c> options for commands that take only options, turning
/// each bad value into the one-line reason a usage message starts with.
/// </summary>
internal sealed class OptionReader(IReadOnlyList<string> args)
{
    private int _index = -1;
    private string? _inlineValue;

    /// <summary>The option being read, e.g. <c>--sessions</c>.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The first problem met, for the usage message; null while all is well.</summary>
    public string? Error { get; private set; }

    /// <summary>Moves to the next option; false at the end or after an error.</summary>
    public bool Next()
    {
        if (Error is not null || ++_index >= args.Count)
        {
            return false;
        }

        var arg = args[_index];
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        (Name, _inlineValue) = arg.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
        return true;
    }

    /// <summary>The option's value, or null (with <see cref="Error"/> set) when it has none.</summary>
    public string? Value()
    {
        if (_inlineValue is not null)
        {
            return _inlineValue;
        }

        if (_index + 1 < args.Count)
        {
            return args[++_index];
        }

        Error = $"{Name} needs a value.";
        return null;
    }

    /// <summary>The value as a whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Int(int min, int max)
    {
        var text = Value();
        if (text is null)
        {
            return min;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error = string.Create(CultureInfo.InvariantCulture, $"{Name} takes a whole number from {min} to {max}; got '{text}'.");
            return min;
        }

        return value;
    }

    /// <summary>The value as a number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Double(double min, double max)
    {
        var text = Value();
        if (text is null)
        {
            return min;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
        {
            Error = string.Create(CultureInfo.InvariantCulture, $"{Name} takes a number from {min} to {max}; got '{text}'.");
            return min;
        }

        return value;
    }

    /// <summary>The value as an absolute http or https URL.</summary>
    public Uri? Url()
    {
        var text = Value();
        if (text is not null && (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            Error = $"{Name} takes an absolute http(s) URL such as http://127.0.0.1:5080; got '{text}'.";
            return null;
        }

        return text is null ? null : new Uri(text);
    }

    /// <summary>Records that the current argument is not an option this command knows.</summary>
    public void Unknown() => Error = $"unknown option '{Name}'.";

    /// <summary>Records a problem found after reading, such as a missing required option.</summary>
    public void Fail(string error) => Error ??= error;
}
