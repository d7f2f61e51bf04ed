namespace Playtrail.Core.Processing;

/// <summary>Main-content play time with what it is also credited to: the chapter open (-1: none) and the bitrate then.</summary>
internal readonly record struct PlayCredit(long Milliseconds, int Chapter, double? Bitrate);
