namespace Playtrail.Cli.Simulation;

/// <summary>
/// Everything one simulated session does, drawn up front so a seed reproduces it exactly; the
/// <see cref="SessionRunner"/> plays it against a tracker.
/// </summary>
/// <param name="Index">The session's number in the run, from 0.</param>
/// <param name="Title">The content watched.</param>
/// <param name="Downloaded">Played from the device (downloaded mode) rather than streamed.</param>
/// <param name="StartsAgo">For a downloaded session, how long before the run it was watched.</param>
/// <param name="Steps">The player calls and the time between them, in order.</param>
internal sealed record SessionScript(int Index, CatalogueTitle Title, bool Downloaded, TimeSpan StartsAgo, IReadOnlyList<ScriptStep> Steps)
{
    /// <summary>Virtual seconds the session lasts: content, ads and waits.</summary>
    public int DurationSeconds => Steps.Sum(step => step.Kind is StepKind.PlayFor or StepKind.Wait or StepKind.AdPlay ? step.Seconds : 0);

    /// <summary>True when the viewer reached the end (<c>sessionComplete</c>) rather than leaving early.</summary>
    public bool Completes => Steps.Count > 0 && Steps[^1].Kind == StepKind.Complete;

    /// <summary>True when the session starts with a pre-roll ad break.</summary>
    public bool HasPreRoll => Steps.Any(step => step.Kind == StepKind.AdBreakStart && step.Number == 0);
}
