namespace Playtrail.Core.Tests.Processing;

/// <summary>A generated session: its events' JSON in order (strictly increasing ts) and the content length.</summary>
internal sealed record GeneratedSession(IReadOnlyList<string> Events, double Length)
{
    public override string ToString() => $"length {Length}, {Events.Count} events:\n" + string.Join("\n", Events);
}
