using CsCheck;

namespace Playtrail.Testing;

/// <summary>
/// Draws a fixed sequence from a generator: the same inputs on every run and every machine, for fuzz runs whose corpus
/// and budget are part of the test (CsCheck's own sampling picks fresh random seeds after the first).
/// </summary>
public static class FixedSamples
{
    /// <summary>The first <paramref name="count"/> values <paramref name="gen"/> makes from <paramref name="seed"/>.</summary>
    public static IEnumerable<T> Draw<T>(Gen<T> gen, ulong seed, int count)
    {
        ArgumentNullException.ThrowIfNull(gen);
        var random = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            yield return gen.Generate(random, null, out _);
        }
    }
}
