using System.Buffers;
using System.Text.Json;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Validation;

public sealed class ProblemDocumentTests
{
    [Fact]
    public void Write_ProducesTheRfc9457BodyWithEveryError()
    {
        ValidationError[] errors =
        [
            new("/3/params/media.length", ValidationRules.Type, "media.length must be a number; got a string."),
            new("", ValidationRules.MinItems, "A downloaded session must hold at least its sessionStart."),
        ];

        using var document = JsonDocument.Parse(Write(writer => ProblemDocument.Write(writer, errors, truncated: false)));

        var root = document.RootElement;
        Assert.Equal(
            ["type", "title", "status", "detail", "errors"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://playtrail.dev/problems/validation", root.GetProperty("type").GetString());
        Assert.Equal("The payload is invalid.", root.GetProperty("title").GetString());
        Assert.Equal(400, root.GetProperty("status").GetInt32());
        Assert.Equal("2 rules failed; see errors.", root.GetProperty("detail").GetString());
        Assert.Equal(
            errors,
            root.GetProperty("errors").EnumerateArray().Select(e =>
                new ValidationError(e.GetProperty("pointer").GetString()!, e.GetProperty("rule").GetString()!, e.GetProperty("message").GetString()!)));
    }

    [Fact]
    public void Write_WhenTruncated_SaysSoAndAddsTruncatedTrue()
    {
        var collector = new ErrorCollector(capacity: 1);
        collector.Add("/1/playerTime/ts", ValidationRules.Type, "first");
        collector.Add("/2/playerTime/ts", ValidationRules.Type, "second");

        using var document = JsonDocument.Parse(Write(writer => ProblemDocument.Write(writer, collector)));

        var root = document.RootElement;
        Assert.True(root.GetProperty("truncated").GetBoolean());
        Assert.Equal("More than 1 rules failed; the first 1 are listed in errors.", root.GetProperty("detail").GetString());
        Assert.Equal("/1/playerTime/ts", Assert.Single(root.GetProperty("errors").EnumerateArray()).GetProperty("pointer").GetString());
    }

    [Fact]
    public void Write_WithOneError_SaysOneRule()
    {
        using var document = JsonDocument.Parse(Write(writer => ProblemDocument.Write(writer, [new("/eventType", ValidationRules.Enum, "x")], truncated: false)));

        Assert.Equal("1 rule failed; see errors.", document.RootElement.GetProperty("detail").GetString());
        Assert.False(document.RootElement.TryGetProperty("truncated", out _));
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
