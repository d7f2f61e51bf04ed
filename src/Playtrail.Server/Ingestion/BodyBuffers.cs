using System.Buffers;
using System.Numerics;

namespace Playtrail.Server.Ingestion;

/// <summary>
/// Buffers for request bodies. Small ones come from the shared pool. One over <see cref="LargeBytes"/> (an upload near
/// the body limit is 16 MiB) comes from a few kept here for the next large upload, and these are dropped when the server
/// trims its memory after a busy spell (<see cref="Release"/>, from <c>IdleMemoryTrimmer</c>): the shared pool would keep
/// them, one per core that returned one, long after the last large upload (docs/benchmarks.md, "Memory after heavy
/// uploads").
/// </summary>
internal static class BodyBuffers
{
    /// <summary>Buffers larger than this are not from the shared pool.</summary>
    public const int LargeBytes = 1024 * 1024;

    // Enough for two large uploads at once without allocating; more return to the GC.
    private const int LargeKept = 2;

    private static readonly Lock s_lock = new();
    private static readonly List<byte[]> s_large = [];

    /// <summary>A buffer of at least <paramref name="minimumLength"/> bytes.</summary>
    public static byte[] Rent(int minimumLength)
    {
        if (minimumLength <= LargeBytes)
        {
            return ArrayPool<byte>.Shared.Rent(minimumLength);
        }

        lock (s_lock)
        {
            // The smallest kept buffer that fits.
            var best = -1;
            for (var i = 0; i < s_large.Count; i++)
            {
                if (s_large[i].Length >= minimumLength && (best < 0 || s_large[i].Length < s_large[best].Length))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                var kept = s_large[best];
                s_large.RemoveAt(best);
                return kept;
            }
        }

        // Powers of two, as the shared pool sizes them, so that a buffer fits the next upload of about the same size.
        var length = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)minimumLength), (uint)Array.MaxLength);
        return GC.AllocateUninitializedArray<byte>(Math.Max(length, minimumLength));
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/>.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length <= LargeBytes)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }

        lock (s_lock)
        {
            if (s_large.Count < LargeKept)
            {
                s_large.Add(buffer);
            }
        }
    }

    /// <summary>Drops the kept large buffers, for the next full collection to free.</summary>
    public static void Release()
    {
        lock (s_lock)
        {
            s_large.Clear();
        }
    }
}
