using System.Runtime;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Playtrail.Server.Ingestion;
using Playtrail.Storage;

namespace Playtrail.Server.Operations;

/// <summary>
/// Gives memory back to the operating system after a busy spell, once no event has been stored for
/// <see cref="MemoryOptions.IdleBeforeTrim"/>: the store's page caches and idle connections, the large request-body
/// buffers kept for the next large upload (<see cref="BodyBuffers"/>), the managed heap
/// (an aggressive, compacting collection that decommits free space), and on glibc the C heap's free pages
/// (<c>malloc_trim</c>, which SQLite's many small page allocations otherwise keep mapped). Everything freed is rebuilt
/// on demand, so the next burst pays a little to warm up again; a server that never goes idle never trims.
/// </summary>
internal sealed partial class IdleMemoryTrimmer(
    ServerMetrics metrics,
    IStoreMemory store,
    IOptions<MemoryOptions> options,
    TimeProvider timeProvider,
    ILogger<IdleMemoryTrimmer> logger) : BackgroundService
{
    private readonly MemoryOptions _options = options.Value;
    private long _storedAtLastTrim;
    private static bool s_mallocTrimMissing;

    /// <summary>Times memory was given back, for tests and metrics.</summary>
    public int Trims { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.TrimWhenIdle)
        {
            return;
        }

        // Stored events, not store commits, tell work from idleness: the sweeper and the trim itself commit too.
        _storedAtLastTrim = metrics.EventsStored;
        var seen = _storedAtLastTrim;
        using var timer = new PeriodicTimer(_options.IdleBeforeTrim, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var stored = metrics.EventsStored;
            var idle = stored == seen;
            seen = stored;
            if (idle && stored != _storedAtLastTrim)
            {
                await TrimAsync(stoppingToken).ConfigureAwait(false);
                _storedAtLastTrim = stored;
            }
        }
    }

    /// <summary>Gives back what can be given back now.</summary>
    public async Task TrimAsync(CancellationToken cancellationToken)
    {
        var before = Environment.WorkingSet;
        try
        {
            await store.ReleaseMemoryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A store that cannot shrink now (busy, closing) keeps its caches; the heap can still be trimmed.
            Log.MemoryTrimFailed(logger, exception);
        }

        BodyBuffers.Release();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimCHeap();
        Trims++;
        Log.MemoryTrimmed(logger, before / (1024 * 1024), Environment.WorkingSet / (1024 * 1024));
    }

    private static void TrimCHeap()
    {
        if (!OperatingSystem.IsLinux() || s_mallocTrimMissing)
        {
            return;
        }

        try
        {
            // 1 when memory was given back, 0 when there was none to give: either is fine.
            _ = MallocTrim(0);
        }
        catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl, for one, has no malloc_trim and returns freed memory by itself).
            s_mallocTrimMissing = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
