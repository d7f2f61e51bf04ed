using System.Diagnostics;

namespace Playtrail.Testing;

/// <summary>Polls for a state that background work reaches, with a generous bound so a broken component fails instead of hanging.</summary>
public static class Eventually
{
    /// <summary>The default bound: far beyond any healthy wait, so it never decides a passing run.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Calls <paramref name="probe"/> until <paramref name="done"/> holds or the bound passes, and returns the last value.</summary>
    public static async Task<T> WaitAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value) || clock.Elapsed > (timeout ?? DefaultTimeout))
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
