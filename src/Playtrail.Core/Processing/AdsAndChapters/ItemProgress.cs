namespace Playtrail.Core.Processing;

/// <summary>What happened to an ad or a chapter while it was open; kept apart from its description so the hot path mutates a struct in place.</summary>
internal struct ItemProgress
{
    public long Milliseconds;
    public bool Complete;
    public bool Skipped;
}
