namespace Playtrail.Client;

/// <summary>How hard the device store works to keep a committed event when things go wrong.</summary>
public enum StoreDurability
{
    /// <summary>
    /// WAL with <c>synchronous=NORMAL</c>: a committed event survives a crash or kill of the app (the OS still holds the
    /// written pages) but the last few commits may be lost on power loss or an OS crash. No fsync per event, so a
    /// tracker call stays in the tens of microseconds. The default.
    /// </summary>
    SurvivesAppKill = 0,

    /// <summary>
    /// WAL with <c>synchronous=FULL</c>: every commit is fsynced, so events survive power loss too, at the cost of
    /// one fsync per tracker call (often a millisecond or more on phones and SD cards).
    /// </summary>
    SurvivesPowerLoss = 1,
}
