namespace Playtrail.Core.Processing;

/// <summary>
/// The union of the main-content playhead ranges played (unique time played). Kept as sorted, disjoint ranges;
/// normal playback only ever extends the range it is in, so the list stays short and nothing is allocated.
/// </summary>
internal sealed class PlayedRanges
{
    private readonly List<(double Start, double End)> _ranges = [];

    public void Clear() => _ranges.Clear();

    /// <summary>Adds the range from <paramref name="start"/> to <paramref name="end"/>, clipped to [0, length] when the length is positive.</summary>
    public void Add(double start, double end, double length)
    {
        if (length > 0)
        {
            start = Math.Max(start, 0);
            end = Math.Min(end, length);
        }

        if (end <= start)
        {
            return;
        }

        var first = FirstEndingAtOrAfter(start);
        var last = first;
        while (last < _ranges.Count && _ranges[last].Start <= end)
        {
            start = Math.Min(start, _ranges[last].Start);
            end = Math.Max(end, _ranges[last].End);
            last++;
        }

        if (last == first)
        {
            _ranges.Insert(first, (start, end));
            return;
        }

        _ranges[first] = (start, end);
        _ranges.RemoveRange(first + 1, last - first - 1);
    }

    /// <summary>The seconds covered.</summary>
    public double Total()
    {
        var total = 0.0;
        foreach (var (start, end) in _ranges)
        {
            total += end - start;
        }

        return total;
    }

    private int FirstEndingAtOrAfter(double position)
    {
        int low = 0, high = _ranges.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_ranges[middle].End < position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
