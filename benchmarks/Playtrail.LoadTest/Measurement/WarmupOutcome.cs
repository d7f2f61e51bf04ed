namespace Playtrail.LoadTest.Measurement;

/// <summary>
/// How long a scenario warmed up, and whether the server's background JIT had gone quiet by then (null when the
/// server's threads could not be read, so the warm-up was the fixed minimum).
/// </summary>
internal readonly record struct WarmupOutcome(TimeSpan Duration, bool? JitQuiet);
