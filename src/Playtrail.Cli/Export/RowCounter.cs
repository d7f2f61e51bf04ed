namespace Playtrail.Cli.Export;

/// <summary>
/// Counts the rows of a text export as its bytes go by, for the progress bar: NDJSON rows are lines; CSV records end at
/// a line feed outside quotes (a quoted value may hold line breaks), less the header. Parquet rows cannot be counted
/// before the footer arrives, so a Parquet download is shown in bytes.
/// </summary>
internal sealed class RowCounter(string format)
{
    private bool _quoted;
    private long _lineEnds;

    /// <summary>Whether the format's rows can be counted as they arrive.</summary>
    public bool CountsRows { get; } = format is "ndjson" or "csv";

    public long Rows => format == "csv" ? Math.Max(0, _lineEnds - 1) : _lineEnds;

    public void Count(ReadOnlySpan<byte> bytes)
    {
        if (format == "ndjson")
        {
            _lineEnds += bytes.Count((byte)'\n');
        }
        else if (format == "csv")
        {
            // A doubled quote inside a quoted value toggles twice, so the state stays right.
            while (bytes.IndexOfAny((byte)'"', (byte)'\n') is var next and >= 0)
            {
                if (bytes[next] == '"')
                {
                    _quoted = !_quoted;
                }
                else if (!_quoted)
                {
                    _lineEnds++;
                }

                bytes = bytes[(next + 1)..];
            }
        }
    }
}
