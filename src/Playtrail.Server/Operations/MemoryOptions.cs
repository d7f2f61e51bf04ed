namespace Playtrail.Server.Operations;

/// <summary>When the server gives memory back to the operating system (configuration section <c>Memory</c>).</summary>
public sealed class MemoryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Memory";

    /// <summary>Give memory back after a busy spell once the store has been idle for <see cref="IdleBeforeTrim"/>.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How long the store must have committed nothing before memory is given back.</summary>
    public TimeSpan IdleBeforeTrim { get; set; } = TimeSpan.FromSeconds(10);
}
