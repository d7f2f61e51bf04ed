using System.Text.Json;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Validation;

/// <summary>
/// The published schemas are a contract: any change to them must show in review as a diff of
/// <c>Snapshots/schemas/{eventType}.json</c>. On a mismatch the test writes the new text beside the
/// snapshot as <c>{eventType}.received.json</c>; accept it by renaming it over the snapshot.
/// </summary>
public sealed class JsonSchemaSnapshotTests
{
    public static TheoryData<string> EventTypes => [.. EventTypeNames.All.Select(type => type.ToWireName())];

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Schema_MatchesCommittedSnapshot(string eventType)
    {
        Assert.True(EventTypeNames.TryParse(eventType, out var type));
        var actual = JsonSchemas.For(type);
        var directory = SnapshotDirectory();
        var snapshot = Path.Combine(directory, eventType + ".json");
        var received = Path.Combine(directory, eventType + ".received.json");

        var expected = File.Exists(snapshot) ? Normalize(File.ReadAllText(snapshot)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual + "\n");
        Assert.Fail(expected is null
            ? $"No snapshot for {eventType}: review {received} and rename it to {eventType}.json."
            : $"The {eventType} schema changed: diff {received} against {snapshot}, and rename it over the snapshot if the change is intended.");
    }

    [Fact]
    public void For_ReturnsTheSameCachedStringEachCall()
    {
        Assert.Same(JsonSchemas.For(EventType.AdStart), JsonSchemas.For(EventType.AdStart));
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Schema_IsDraft04WithItsIdAndEventType(string eventType)
    {
        Assert.True(EventTypeNames.TryParse(eventType, out var type));

        using var schema = JsonDocument.Parse(JsonSchemas.For(type));

        var root = schema.RootElement;
        Assert.Equal("http://json-schema.org/draft-04/schema#", root.GetProperty("$schema").GetString());
        Assert.Equal("/api/v1/schemas/" + eventType, root.GetProperty("id").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        var eventTypeEnum = root.GetProperty("properties").GetProperty("eventType").GetProperty("enum");
        Assert.Equal(eventType, Assert.Single(eventTypeEnum.EnumerateArray()).GetString());
    }

    [Fact]
    public void PingSchema_HasNoParamsAndSaysItMustNotBeSent()
    {
        using var schema = JsonDocument.Parse(JsonSchemas.For(EventType.Ping));

        Assert.False(schema.RootElement.GetProperty("properties").TryGetProperty("params", out _));
        Assert.Contains("Sending params is rejected", schema.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sessionStart", true)]
    [InlineData("adStart", true)]
    [InlineData("chapterStart", true)]
    [InlineData("play", false)]
    [InlineData("adBreakStart", false)]
    [InlineData("statesUpdate", false)]
    public void CustomMetadata_IsDeclaredOnlyWhereAccepted(string eventType, bool declared)
    {
        Assert.True(EventTypeNames.TryParse(eventType, out var type));

        using var schema = JsonDocument.Parse(JsonSchemas.For(type));

        Assert.Equal(declared, schema.RootElement.GetProperty("properties").TryGetProperty("customMetadata", out _));
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n');

    /// <summary>
    /// The committed snapshots in the source tree (not a copy in bin/), so a received file lands beside the file
    /// a reviewer diffs. Found from the test's own directory up to the solution root.
    /// </summary>
    private static string SnapshotDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Playtrail.slnx")))
            {
                return Path.Combine(directory.FullName, "tests", "Playtrail.Core.Tests", "Snapshots", "schemas");
            }
        }

        throw new InvalidOperationException("Playtrail.slnx not found above " + AppContext.BaseDirectory);
    }
}
