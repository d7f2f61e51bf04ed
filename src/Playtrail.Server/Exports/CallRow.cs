namespace Playtrail.Server.Exports;

/// <summary>
/// One row of the calls export: one analytics call of a session, with the few context data values promoted to columns
/// of their own (<see cref="CallColumns"/>).
/// </summary>
/// <param name="Session">The session the call belongs to.</param>
/// <param name="Index">The call's place among the session's calls, from 0.</param>
/// <param name="Type">start, adStart, adClose, chapterClose or close.</param>
/// <param name="Ts">The call's time (epoch ms): the time watched for a downloaded session; null online.</param>
/// <param name="ContextData">The call's context data object as UTF-8 JSON.</param>
/// <param name="ItemId">The ad's id on ad calls, the chapter's on chapter calls; null otherwise.</param>
/// <param name="TimePlayed">Seconds played of what a close call closes (content, ad or chapter); null on start calls.</param>
/// <param name="Complete">Whether what a close call closes completed; null on start calls.</param>
internal readonly record struct CallRow(
    SessionRow Session,
    int Index,
    string Type,
    long? Ts,
    ReadOnlyMemory<byte> ContextData,
    string? ItemId,
    double? TimePlayed,
    bool? Complete);
