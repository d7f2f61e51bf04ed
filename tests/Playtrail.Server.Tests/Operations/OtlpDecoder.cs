using System.Buffers.Binary;
using System.Globalization;

namespace Playtrail.Server.Tests.Operations;

/// <summary>
/// Decodes the OTLP/HTTP protobuf bodies the exporter sends (ExportMetricsServiceRequest, ExportTraceServiceRequest)
/// into names, attributes and values, by the field numbers of the OTLP proto files.
/// </summary>
internal static class OtlpDecoder
{
    public static IEnumerable<OtlpMetric> Metrics(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceMetrics in ProtobufFields.All(request, 1))
        {
            foreach (var scopeMetrics in ProtobufFields.All(resourceMetrics, 2))
            {
                var scope = ScopeName(scopeMetrics);
                foreach (var metric in ProtobufFields.All(scopeMetrics, 2))
                {
                    yield return Metric(scope, metric);
                }
            }
        }
    }

    public static IEnumerable<OtlpSpan> Spans(ReadOnlyMemory<byte> request)
    {
        foreach (var resourceSpans in ProtobufFields.All(request, 1))
        {
            foreach (var scopeSpans in ProtobufFields.All(resourceSpans, 2))
            {
                var scope = ScopeName(scopeSpans);
                foreach (var span in ProtobufFields.All(scopeSpans, 2))
                {
                    var fields = ProtobufFields.Read(span);
                    yield return new OtlpSpan(scope,
                        Text(fields, 5),
                        Hex(fields, 1),
                        Hex(fields, 2),
                        Hex(fields, 4),
                        Attributes(fields, 9));
                }
            }
        }
    }

    private static OtlpMetric Metric(string scope, ReadOnlyMemory<byte> metric)
    {
        var fields = ProtobufFields.Read(metric);
        var name = Text(fields, 1);
        foreach (var (number, kind) in new[] { (5, "gauge"), (7, "sum"), (9, "histogram") })
        {
            if (fields.FirstOrDefault(field => field.Number == number) is { Bytes.Length: > 0 } data)
            {
                var points = ProtobufFields.All(data.Bytes, 1).Select(point => kind == "histogram" ? HistogramPoint(point) : NumberPoint(point)).ToList();
                return new OtlpMetric(scope, name, kind, points);
            }
        }

        return new OtlpMetric(scope, name, "other", []);
    }

    private static OtlpPoint NumberPoint(ReadOnlyMemory<byte> point)
    {
        var fields = ProtobufFields.Read(point);
        var asInt = fields.Where(field => field.Number == 6).Select(field => (long?)field.Signed64).FirstOrDefault();
        var asDouble = fields.Where(field => field.Number == 4).Select(field => (long?)field.Double).FirstOrDefault();
        return new OtlpPoint(Attributes(fields, 7), asInt ?? asDouble, null, []);
    }

    private static OtlpPoint HistogramPoint(ReadOnlyMemory<byte> point)
    {
        var fields = ProtobufFields.Read(point);
        var count = fields.Where(field => field.Number == 4).Select(field => (ulong?)field.Number64).FirstOrDefault();
        var buckets = new List<ulong>();
        foreach (var field in fields.Where(field => field.Number == 6))
        {
            if (field.WireType == 2)
            {
                // Packed: eight little-endian bytes per bucket.
                for (var offset = 0; offset < field.Bytes.Length; offset += 8)
                {
                    buckets.Add(BinaryPrimitives.ReadUInt64LittleEndian(field.Bytes.Span[offset..]));
                }
            }
            else
            {
                buckets.Add(field.Number64);
            }
        }

        return new OtlpPoint(Attributes(fields, 9), null, count, buckets);
    }

    /// <summary>The attributes (KeyValue messages) in field <paramref name="number"/>, values written as text.</summary>
    private static Dictionary<string, string> Attributes(List<ProtobufField> fields, int number)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in fields.Where(field => field.Number == number))
        {
            var pair = ProtobufFields.Read(keyValue.Bytes);
            var value = pair.FirstOrDefault(field => field.Number == 2).Bytes;
            attributes[Text(pair, 1)] = AnyValue(value);
        }

        return attributes;
    }

    private static string AnyValue(ReadOnlyMemory<byte> value)
    {
        var field = ProtobufFields.Read(value).FirstOrDefault();
        return field.Number switch
        {
            1 => field.Text,
            2 => field.Number64 != 0 ? "true" : "false",
            3 => field.Signed64.ToString(CultureInfo.InvariantCulture),
            4 => field.Double.ToString(CultureInfo.InvariantCulture),
            _ => "",
        };
    }

    private static string ScopeName(ReadOnlyMemory<byte> scoped) =>
        ProtobufFields.All(scoped, 1).Select(scope => Text(ProtobufFields.Read(scope), 1)).FirstOrDefault() ?? "";

    private static string Text(List<ProtobufField> fields, int number) =>
        fields.Where(field => field.Number == number).Select(field => field.Text).FirstOrDefault() ?? "";

    private static string Hex(List<ProtobufField> fields, int number) =>
        fields.Where(field => field.Number == number).Select(field => Convert.ToHexStringLower(field.Bytes.Span)).FirstOrDefault() ?? "";
}
