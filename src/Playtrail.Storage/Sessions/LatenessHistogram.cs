namespace Playtrail.Storage.Sessions;

/// <summary>
/// Lateness (receive time minus last event time) kept as counts in logarithmic buckets, so percentiles can be
/// read from summed rollups without keeping one row per session. Four buckets per doubling: a percentile is
/// exact to within about 19 %.
/// </summary>
public static class LatenessHistogram
{
    private const double BucketsPerDoubling = 4;

    /// <summary>The bucket of <paramref name="seconds"/> (negative lateness, from a fast device clock, counts as 0).</summary>
    public static int Bucket(double seconds) => (int)Math.Floor(BucketsPerDoubling * Math.Log2(1 + Math.Max(0, seconds)));

    /// <summary>The largest lateness in seconds that falls in <paramref name="bucket"/>.</summary>
    public static double UpperBound(int bucket) => Math.Pow(2, (bucket + 1) / BucketsPerDoubling) - 1;

    /// <summary>
    /// The <paramref name="quantile"/> (0 to 1) of the histogram, as the upper bound of the bucket that holds it,
    /// or null when the histogram is empty.
    /// </summary>
    public static double? Percentile(IReadOnlyDictionary<int, long> histogram, double quantile)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var total = histogram.Values.Sum();
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        foreach (var (bucket, count) in histogram.OrderBy(entry => entry.Key))
        {
            seen += count;
            if (seen >= rank)
            {
                return UpperBound(bucket);
            }
        }

        return UpperBound(histogram.Keys.Max());
    }
}
