namespace Playtrail.LoadTest.Measurement;

/// <summary>The measured window of one scenario run, with every derived figure the report prints.</summary>
internal sealed record ScenarioResult(
    string Name,
    string? Baseline,
    int Clients,
    long Requests,
    long Failures,
    long WarmupFailures,
    WarmupOutcome Warmup,
    long Events,
    long BytesSent,
    TimeSpan Wall,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    TimeSpan? ServerCpu,
    long? ServerMinorFaults,
    TimeSpan GeneratorCpu,
    TimeSpan? MachineBusy,
    TimeSpan? MachineSteal,
    long? Fsyncs,
    IReadOnlyDictionary<string, long> Outcomes)
{
    /// <summary>Set when a server this harness started exited during the scenario: why, in a few words.</summary>
    public string? ServerExit { get; init; }

    /// <summary>
    /// The share of the window the store's writer spent committing (from the server's
    /// <c>playtrail_store_writer_busy_seconds_total</c>); null when the server does not report it.
    /// </summary>
    public double? WriterBusy { get; init; }

    /// <summary>CPU time of the PostgreSQL cluster in the window (null with SQLite, whose work is inside the server).</summary>
    public TimeSpan? DatabaseCpu { get; init; }

    /// <summary>Latency of the requests the server took (answered with the status asked for), and their share.</summary>
    public (double P50Ms, double P99Ms, double Share)? Accepted { get; init; }

    /// <summary>The slowest answer of any kind in the window.</summary>
    public double MaxMs { get; init; }

    /// <summary>The server's resident memory at the start of the window, its peak (sampled every 100 ms) and at its end, in MiB.</summary>
    public (double Start, double Peak, double End)? RssMiB { get; init; }

    /// <summary>The name of the bare-Kestrel floor of the same workload in the same run, if one ran.</summary>
    public string? Floor { get; init; }

    public double? DatabaseCores => DatabaseCpu is { } cpu ? cpu / Wall : null;

    public double? DatabaseMicrosecondsPerEvent => Events == 0 || DatabaseCpu is not { } cpu ? null : cpu.TotalMicroseconds / Events;

    /// <summary>Server plus database CPU per event: what a store costs in all, wherever it runs.</summary>
    public double? TotalMicrosecondsPerEvent => Events == 0 || ServerCpu is not { } cpu ? null : (cpu + (DatabaseCpu ?? TimeSpan.Zero)).TotalMicroseconds / Events;

    public double RequestsPerSecond => Requests / Wall.TotalSeconds;

    public double EventsPerSecond => Events / Wall.TotalSeconds;

    public double MegabytesPerSecond => BytesSent / 1e6 / Wall.TotalSeconds;

    public double? ServerMicrosecondsPerRequest => Requests == 0 || ServerCpu is not { } cpu ? null : cpu.TotalMicroseconds / Requests;

    public double? ServerMicrosecondsPerEvent => Events == 0 || ServerCpu is not { } cpu ? null : cpu.TotalMicroseconds / Events;

    public double? ServerCores => ServerCpu is { } cpu ? cpu / Wall : null;

    public double GeneratorCores => GeneratorCpu / Wall;

    /// <summary>Cores busy with neither the server nor the generator: other tenants of this shared machine, perf, the kernel's idle work.</summary>
    public double? OtherCores => MachineBusy is { } busy && ServerCpu is { } server ? (busy - server - GeneratorCpu - (DatabaseCpu ?? TimeSpan.Zero)) / Wall : null;

    public double? StealCores => MachineSteal is { } steal ? steal / Wall : null;

    public double? MinorFaultsPerRequest => Requests == 0 || ServerMinorFaults is not { } faults ? null : (double)faults / Requests;

    public double? RequestsPerFsync => Fsyncs is > 0 and { } fsyncs ? (double)Requests / fsyncs : null;
}
