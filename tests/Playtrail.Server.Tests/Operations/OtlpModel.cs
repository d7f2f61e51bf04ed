namespace Playtrail.Server.Tests.Operations;

/// <summary>One data point of an OTLP metric: its attributes, and its value (a sum's or gauge's) or its count (a histogram's).</summary>
internal sealed record OtlpPoint(IReadOnlyDictionary<string, string> Attributes, long? Value, ulong? Count, IReadOnlyList<ulong> BucketCounts);

/// <summary>One metric of an OTLP export, by the name its instrument has.</summary>
internal sealed record OtlpMetric(string Scope, string Name, string Kind, IReadOnlyList<OtlpPoint> Points);

/// <summary>One span of an OTLP export, with ids in hex.</summary>
internal sealed record OtlpSpan(string Scope, string Name, string TraceId, string SpanId, string ParentSpanId, IReadOnlyDictionary<string, string> Attributes);
