using System.Runtime.InteropServices;

namespace Playtrail.Storage.Reporting;

/// <summary>
/// Reads the lateness histogram a rollup row stores: a JSON object of bucket → sessions such as <c>{"40":2,"45":1}</c>
/// (PostgreSQL's jsonb writes it with spaces). Only this shape is ever stored, so a small scanner reads it without a
/// JSON document per row: a report by content reads tens of thousands of them.
/// </summary>
internal static class LatenessJson
{
    /// <summary>Adds every bucket of <paramref name="json"/> to <paramref name="histogram"/>.</summary>
    public static void Add(ReadOnlySpan<char> json, Dictionary<int, long> histogram)
    {
        var position = 0;
        Expect(json, ref position, '{');
        if (Peek(json, ref position) == '}')
        {
            return;
        }

        while (true)
        {
            Expect(json, ref position, '"');
            var bucket = (int)ReadInteger(json, ref position);
            Expect(json, ref position, '"');
            Expect(json, ref position, ':');
            ref var sessions = ref CollectionsMarshal.GetValueRefOrAddDefault(histogram, bucket, out _);
            sessions += ReadInteger(json, ref position);
            if (Peek(json, ref position) == '}')
            {
                return;
            }

            Expect(json, ref position, ',');
        }
    }

    private static long ReadInteger(ReadOnlySpan<char> json, ref int position)
    {
        Peek(json, ref position);
        var negative = position < json.Length && json[position] == '-';
        if (negative)
        {
            position++;
        }

        var start = position;
        long value = 0;
        while (position < json.Length && char.IsAsciiDigit(json[position]))
        {
            value = checked((value * 10) + (json[position++] - '0'));
        }

        // SQLite's json_set writes an incremented count as a real when it was read back as one ("3.0"): accept it.
        if (position < json.Length && json[position] == '.')
        {
            position++;
            while (position < json.Length && json[position] == '0')
            {
                position++;
            }
        }

        if (position == start)
        {
            throw new InvalidDataException("A stored lateness histogram is not a JSON object of integers.");
        }

        return negative ? -value : value;
    }

    private static char Peek(ReadOnlySpan<char> json, ref int position)
    {
        while (position < json.Length && char.IsWhiteSpace(json[position]))
        {
            position++;
        }

        return position < json.Length ? json[position] : '\0';
    }

    private static void Expect(ReadOnlySpan<char> json, ref int position, char expected)
    {
        if (Peek(json, ref position) != expected)
        {
            throw new InvalidDataException($"A stored lateness histogram is not a JSON object of integers (expected '{expected}').");
        }

        position++;
    }
}
