namespace Playtrail.Core.Processing;

/// <summary>
/// Progress markers (docs/decisions/0013-progress-markers.md): each fires once, when the main-content playhead first
/// reaches or passes its share of the length; a forward seek fires every marker passed. The thresholds are ascending,
/// so the markers fired are always a prefix of them.
/// </summary>
internal sealed class ProgressMarkers
{
    private static readonly int[] Percents = [10, 25, 50, 75, 95];

    /// <summary>How many markers fired: 1 means 10 %, 5 means all up to 95 %.</summary>
    public int Reached { get; private set; }

    public void Reset() => Reached = 0;

    public void Observe(double playhead, double length)
    {
        // Comparing playhead * 100 with percent * length keeps whole-second lengths exact (3.5 s is 10 % of 35 s).
        while (length > 0 && Reached < Percents.Length && playhead * 100 >= Percents[Reached] * length)
        {
            Reached++;
        }
    }

    /// <summary>Whether the marker at position <paramref name="position"/> (0 for 10 %, 4 for 95 %) fired.</summary>
    public bool Fired(int position) => Reached > position;
}
