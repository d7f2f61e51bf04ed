namespace Playtrail.Client;

/// <summary>
/// Quality of experience, sent as <c>qoeData</c> on the events that follow an update. Leave a value null when the
/// player does not know it.
/// </summary>
/// <param name="Bitrate">Current bitrate (<c>media.qoe.bitrate</c>), in the unit your reports use (kbps recommended). A change emits <c>bitrateChange</c>.</param>
/// <param name="FramesPerSecond">Current frames per second (<c>media.qoe.framesPerSecond</c>).</param>
/// <param name="DroppedFrames">Dropped frames so far (<c>media.qoe.droppedFrames</c>).</param>
/// <param name="StartupTime">Time from play intent to the first frame (<c>media.qoe.timeToStart</c>, sent in milliseconds).</param>
public sealed record QoeInfo(long? Bitrate = null, double? FramesPerSecond = null, long? DroppedFrames = null, TimeSpan? StartupTime = null);
