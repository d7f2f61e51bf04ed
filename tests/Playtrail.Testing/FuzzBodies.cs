using System.Text;
using System.Text.RegularExpressions;
using CsCheck;

namespace Playtrail.Testing;

/// <summary>
/// Request bodies for fuzz runs: the committed corpus of interesting payloads (<c>Corpus/*.json</c>: valid sessions,
/// the findings of issue 11, malformed text) changed by a few random mutations each: a number or a string swapped
/// for one that trips parsers and arithmetic, bytes flipped, inserted, cut or repeated.
/// </summary>
public static partial class FuzzBodies
{
    private static readonly string[] Numbers =
    [
        "0", "-0", "-1", "0.5", "2.0", "1e3", "1E+2", "4.9e-324", "1e-400", "1e309", "-1e309", "1.7976931348623157e308",
        "10000000000000", "10000000000000.5", "-10000000000001", "253402300800000", "4102444799999", "4102444800000",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
    ];

    private static readonly string[] Strings =
    [
        "\"\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"a\\\"b\"", "\"\\/\"", "\"\u00e9\u6620\ud83c\udfac\"", "null", "true",
        "{}", "[]", "\"" + new string('x', 5000) + "\"", "\"player\"", "\"sessionStart\"", "\"media.downloaded\"",
    ];

    /// <summary>The corpus, by file name.</summary>
    public static IReadOnlyDictionary<string, byte[]> Corpus { get; } = Directory
        .EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.json")
        .Order(StringComparer.Ordinal)
        .ToDictionary(path => Path.GetFileName(path), File.ReadAllBytes);

    /// <summary>A corpus body with zero to four mutations.</summary>
    public static Gen<byte[]> Mutated { get; } = Gen.Select(Gen.Int[0, Corpus.Count - 1], Gen.Int.Array[0, 4])
        .Select(t => Mutate(Corpus.Values.ElementAt(t.Item1), t.Item2));

    private static byte[] Mutate(byte[] body, int[] mutations)
    {
        var text = Encoding.UTF8.GetString(body);
        var bytes = body;
        foreach (var mutation in mutations)
        {
            var random = new Random(mutation);
            switch ((uint)mutation % 7)
            {
                case 0:
                case 1:
                    text = ReplaceOne(NumberToken(), text, Numbers, random);
                    bytes = Encoding.UTF8.GetBytes(text);
                    break;
                case 2:
                    text = ReplaceOne(StringToken(), text, Strings, random);
                    bytes = Encoding.UTF8.GetBytes(text);
                    break;
                case 3:
                    bytes = [.. bytes];
                    if (bytes.Length > 0)
                    {
                        bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 4:
                    bytes = bytes.Length == 0 ? bytes : bytes[..random.Next(bytes.Length)];
                    break;
                case 5:
                    var at = random.Next(bytes.Length + 1);
                    var length = random.Next(Math.Min(64, bytes.Length - at) + 1);
                    bytes = [.. bytes[..at], .. bytes[at..(at + length)], .. bytes[at..]];
                    break;
                default:
                    var cut = random.Next(bytes.Length + 1);
                    bytes = [.. bytes[..cut], .. "{[\"\\,:}]"u8.ToArray()[random.Next(8)..][..1], .. bytes[cut..]];
                    break;
            }

            text = Encoding.UTF8.GetString(bytes);
        }

        return bytes;
    }

    private static string ReplaceOne(Regex token, string text, string[] replacements, Random random)
    {
        var matches = token.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }

        var match = matches[random.Next(matches.Count)];
        return string.Concat(text.AsSpan(0, match.Index), replacements[random.Next(replacements.Length)], text.AsSpan(match.Index + match.Length));
    }

    [GeneratedRegex(@"(?<=[:\[,]\s*)-?\d+(\.\d+)?([eE][+-]?\d+)?")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex StringToken();
}
