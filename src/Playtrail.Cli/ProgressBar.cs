using System.Diagnostics;
using System.Globalization;

namespace Playtrail.Cli;

/// <summary>How far a long command has got: <paramref name="Done"/> of <paramref name="Total"/> <paramref name="Unit"/> (a negative total: not known).</summary>
internal readonly record struct ProgressSnapshot(long Done, long Total, string Unit);

/// <summary>
/// Draws <c>[#####.....] 523/1000 sessions  41 s</c> on standard error: redrawn in place with <c>\r</c> on a terminal,
/// as a plain line every few seconds otherwise (logs and CI), so standard output stays for the result.
/// </summary>
internal static class ProgressBar
{
    private const int Width = 30;
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Draws <paramref name="read"/> until <paramref name="cancellationToken"/> is cancelled, then once more, finished.</summary>
    public static async Task RunAsync(Func<ProgressSnapshot> read, TextWriter error, bool isTerminal, Stopwatch clock, CancellationToken cancellationToken)
    {
        var last = "";
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(isTerminal ? TerminalInterval : PlainInterval, cancellationToken).ConfigureAwait(false);
                var line = Line(read(), clock.Elapsed);
                // Padded so a shorter line fully covers the one it redraws.
                await error.WriteAsync(isTerminal ? "\r" + line.PadRight(last.Length) : line + Environment.NewLine).ConfigureAwait(false);
                last = line;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The work finished; draw the final state below.
        }

        var final = Line(read(), clock.Elapsed);
        if (final != last || isTerminal)
        {
            await error.WriteAsync(isTerminal ? "\r" + final.PadRight(last.Length) + Environment.NewLine : final + Environment.NewLine).ConfigureAwait(false);
        }
    }

    /// <summary>One drawing of the bar; a count alone when the total is unknown (negative).</summary>
    public static string Line(ProgressSnapshot snapshot, TimeSpan elapsed)
    {
        if (snapshot.Total < 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{snapshot.Done} {snapshot.Unit}  {(int)elapsed.TotalSeconds} s");
        }

        var share = snapshot.Total <= 0 ? 1 : Math.Clamp(snapshot.Done / (double)snapshot.Total, 0, 1);
        var filled = (int)Math.Round(share * Width);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {snapshot.Done}/{snapshot.Total} {snapshot.Unit}  {(int)elapsed.TotalSeconds} s");
    }
}
