namespace Playtrail.Storage.Reporting;

/// <summary>
/// One value per <see cref="Measure"/>: a session's contribution, or the sum of many. Counts are held as doubles
/// (exact up to 2^53), so one array type serves every measure and every store.
/// </summary>
public sealed class Measures
{
    private readonly double[] _values = new double[MeasureCatalog.Count];

    /// <summary>The value of <paramref name="measure"/>.</summary>
    public double this[Measure measure]
    {
        get => _values[(int)measure];
        set => _values[(int)measure] = value;
    }

    /// <summary>The values in <see cref="MeasureCatalog.All"/> order.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Adds every value of <paramref name="other"/> to this one.</summary>
    public void Add(Measures other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _values.Length; i++)
        {
            _values[i] += other._values[i];
        }
    }

    /// <summary>Adds <paramref name="value"/> to <paramref name="measure"/>.</summary>
    public void Add(Measure measure, double value) => _values[(int)measure] += value;

    /// <summary>A copy.</summary>
    public Measures Clone()
    {
        var copy = new Measures();
        _values.CopyTo(copy._values, 0);
        return copy;
    }
}
