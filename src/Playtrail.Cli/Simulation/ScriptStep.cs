namespace Playtrail.Cli.Simulation;

/// <summary>What one step of a <see cref="SessionScript"/> does to the player.</summary>
internal enum StepKind
{
    /// <summary>Main content plays for <see cref="ScriptStep.Seconds"/>, the playhead moving with it.</summary>
    PlayFor,

    /// <summary>Time passes with the playhead still (paused, buffering, seeking).</summary>
    Wait,

    /// <summary>An ad plays for <see cref="ScriptStep.Seconds"/>; the content playhead stays where it was.</summary>
    AdPlay,
    Play,
    Pause,
    BufferStart,
    BufferComplete,

    /// <summary>The viewer seeks to content position <see cref="ScriptStep.Value"/>.</summary>
    Seek,

    /// <summary>An ad break: pod index <see cref="ScriptStep.Number"/> at content second <see cref="ScriptStep.Value"/>.</summary>
    AdBreakStart,

    /// <summary>Ad <see cref="ScriptStep.Text"/> of <see cref="ScriptStep.Seconds"/>, position <see cref="ScriptStep.Number"/> in its break.</summary>
    AdStart,
    AdComplete,
    AdSkip,
    AdBreakComplete,

    /// <summary>Chapter <see cref="ScriptStep.Number"/> from content second <see cref="ScriptStep.Value"/>, <see cref="ScriptStep.Seconds"/> long.</summary>
    ChapterStart,
    ChapterComplete,
    ChapterSkip,

    /// <summary>The player switched to <see cref="ScriptStep.Number"/> kbps.</summary>
    Bitrate,

    /// <summary>Player state <see cref="ScriptStep.Text"/> began.</summary>
    StateStart,

    /// <summary>Player state <see cref="ScriptStep.Text"/> ended.</summary>
    StateEnd,

    /// <summary>Playback error <see cref="ScriptStep.Text"/>.</summary>
    Error,
    Complete,
    SessionEnd,
}

/// <summary>One step of a simulated session; which fields matter depends on <see cref="Kind"/>.</summary>
internal readonly record struct ScriptStep(StepKind Kind, int Seconds = 0, int Number = 0, double Value = 0, string? Text = null);
