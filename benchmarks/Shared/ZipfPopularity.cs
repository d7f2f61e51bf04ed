namespace Playtrail.BenchmarkData;

/// <summary>
/// Title popularity for generated data sets: Zipf with exponent 1, so the top title of 2,000 has about 12 % of all
/// sessions. Shared by the benchmark projects' data sets (linked into each).
/// </summary>
internal static class ZipfPopularity
{
    /// <summary>The cumulative shares of ranks 0 to <paramref name="count"/> − 1, the last one 1.</summary>
    public static double[] Cumulative(int count)
    {
        var cumulative = new double[count];
        var total = 0.0;
        for (var rank = 0; rank < count; rank++)
        {
            total += 1.0 / (rank + 1);
            cumulative[rank] = total;
        }

        for (var rank = 0; rank < count; rank++)
        {
            cumulative[rank] /= total;
        }

        return cumulative;
    }
}
