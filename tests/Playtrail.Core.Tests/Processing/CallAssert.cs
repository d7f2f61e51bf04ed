using Playtrail.Core.Processing;

namespace Playtrail.Core.Tests.Processing;

/// <summary>Reads analytics calls in tests.</summary>
internal static class CallAssert
{
    public static Dictionary<string, ContextValue> Data(AnalyticsCall call) => call.ContextData.ToDictionary(pair => pair.Key, pair => pair.Value);

    /// <summary>Asserts the call's context data is exactly <paramref name="expected"/> (in any order), naming what differs.</summary>
    public static void Exactly(IReadOnlyDictionary<string, ContextValue> expected, AnalyticsCall call)
    {
        var actual = Data(call);
        var missing = expected.Where(pair => !actual.TryGetValue(pair.Key, out var value) || value != pair.Value)
            .Select(pair => $"{pair.Key}: expected {pair.Value}, got {(actual.TryGetValue(pair.Key, out var v) ? v.ToString() : "(absent)")}");
        var extra = actual.Keys.Except(expected.Keys).Select(key => $"{key}: unexpected {actual[key]}");
        var problems = missing.Concat(extra).ToList();
        Assert.True(problems.Count == 0, $"{call.Type} call:\n" + string.Join("\n", problems));
        Assert.Equal(call.ContextData.Count, call.ContextData.Select(pair => pair.Key).Distinct().Count());
    }

    public static ContextValue S(string value) => ContextValue.Of(value);

    public static ContextValue N(double value) => ContextValue.Of(value);

    public static ContextValue B(bool value) => ContextValue.Of(value);
}
