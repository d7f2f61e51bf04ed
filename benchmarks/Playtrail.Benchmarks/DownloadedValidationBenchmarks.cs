using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;
using Playtrail.Testing;

namespace Playtrail.Benchmarks;

/// <summary>
/// Reading and validating a 500-event downloaded session, the server's hot path for uploads. Two
/// baselines from the same run frame the number: a bare token walk with Utf8JsonReader (the floor any
/// validator pays) and JsonDocument.Parse (what a naive implementation would do).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class DownloadedValidationBenchmarks
{
    public const int EventCount = 500;

    private static readonly byte[] Payload = Encoding.UTF8.GetBytes(Samples.LongDownloaded(EventCount));

    private readonly List<ParsedEvent> _events = new(EventCount);
    private readonly ErrorCollector _errors = new();

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new ThroughputColumn(_ => Payload.Length));
    }

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// payload: {Payload.Length} bytes, {EventCount} events");
        if (!ValidateAndRead())
        {
            throw new InvalidOperationException("The benchmark payload must be valid.");
        }
    }

    [Benchmark(Description = "Utf8JsonReader token walk (floor)")]
    public int TokenWalk()
    {
        var reader = new Utf8JsonReader(Payload);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Baseline = true, Description = "PayloadValidator (read + validate)")]
    public bool ValidateAndRead()
    {
        _events.Clear();
        _errors.Clear();
        return PayloadValidator.Validate(Payload, IngestionRoute.Downloaded, _events, _errors).IsValid;
    }

    [Benchmark(Description = "JsonDocument.Parse (naive)")]
    public int JsonDocumentParse()
    {
        using var document = JsonDocument.Parse(Payload);
        return document.RootElement.GetArrayLength();
    }
}
