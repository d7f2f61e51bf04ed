using Playtrail.Client;

namespace Playtrail.Cli.Simulation;

/// <summary>
/// Plays a <see cref="SessionScript"/> against a <see cref="MediaTracker"/> in virtual time: every simulated second
/// advances the player's clock by one second (which fires the tracker's ping timers) and updates the playhead,
/// as a real player's time-update callback would.
/// </summary>
internal static class SessionRunner
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>Runs <paramref name="script"/> from start to its closing call.</summary>
    public static void Run(SessionScript script, MediaTracker tracker, VirtualClock clock)
    {
        // Live playheads are seconds since midnight, per the API; on-demand ones start at zero.
        var playheadBase = script.Title.IsLive ? clock.GetUtcNow().TimeOfDay.TotalSeconds : 0;
        var position = 0.0;
        tracker.TrackSessionStart(script.Title.ToMediaInfo(), Metadata(script));
        foreach (var step in script.Steps)
        {
            switch (step.Kind)
            {
                case StepKind.PlayFor:
                    for (var second = 0; second < step.Seconds; second++)
                    {
                        clock.Advance(Second);
                        position++;
                        tracker.UpdatePlayhead(playheadBase + position);
                    }

                    break;
                case StepKind.Wait:
                case StepKind.AdPlay:
                    for (var second = 0; second < step.Seconds; second++)
                    {
                        clock.Advance(Second);
                        tracker.UpdatePlayhead(playheadBase + position);
                    }

                    break;
                case StepKind.Seek:
                    tracker.TrackSeekStart();
                    clock.Advance(Second);
                    position = step.Value;
                    tracker.UpdatePlayhead(playheadBase + position);
                    tracker.TrackSeekComplete();
                    break;
                default:
                    Call(step, tracker);
                    break;
            }
        }
    }

    private static void Call(ScriptStep step, MediaTracker tracker)
    {
        switch (step.Kind)
        {
            case StepKind.Play: tracker.TrackPlay(); break;
            case StepKind.Pause: tracker.TrackPause(); break;
            case StepKind.BufferStart: tracker.TrackBufferStart(); break;
            case StepKind.BufferComplete: tracker.TrackBufferComplete(); break;
            case StepKind.AdBreakStart: tracker.TrackAdBreakStart(new AdBreakInfo(step.Number, step.Value, step.Text)); break;
            case StepKind.AdStart:
                tracker.TrackAdStart(new AdInfo(step.Text!, step.Seconds, step.Number) { Name = "Spot " + step.Text, Advertiser = "Acme" });
                break;
            case StepKind.AdComplete: tracker.TrackAdComplete(); break;
            case StepKind.AdSkip: tracker.TrackAdSkip(); break;
            case StepKind.AdBreakComplete: tracker.TrackAdBreakComplete(); break;
            case StepKind.ChapterStart: tracker.TrackChapterStart(new ChapterInfo(step.Number, step.Value, step.Seconds, step.Text)); break;
            case StepKind.ChapterComplete: tracker.TrackChapterComplete(); break;
            case StepKind.ChapterSkip: tracker.TrackChapterSkip(); break;
            case StepKind.Bitrate: tracker.UpdateQoe(new QoeInfo(Bitrate: step.Number, FramesPerSecond: 25, DroppedFrames: 0)); break;
            case StepKind.StateStart: tracker.TrackStateStart(step.Text!); break;
            case StepKind.StateEnd: tracker.TrackStateEnd(step.Text!); break;
            case StepKind.Error: tracker.TrackError(step.Text!); break;
            case StepKind.Complete: tracker.TrackComplete(); break;
            case StepKind.SessionEnd: tracker.TrackSessionEnd(); break;
            default: throw new InvalidOperationException($"Step {step.Kind} has no tracker call.");
        }
    }

    private static Dictionary<string, string> Metadata(SessionScript script) => new()
    {
        ["simulation.session"] = script.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["simulation.mode"] = script.Downloaded ? "downloaded" : "online",
    };
}
