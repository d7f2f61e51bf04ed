using System.Collections.Immutable;

namespace Playtrail.Storage.Sessions;

/// <summary>
/// The spelling of <see cref="CloseReason"/>: the words stored in <c>sessions.close_reason</c> and
/// <c>session_facts.close_reason</c> and served by the reporting API (<c>closeReason</c>). The schemas' CHECK
/// constraints list the same words, and SQL that writes a reason builds its literal from these constants.
/// </summary>
public static class CloseReasonText
{
    /// <summary>The word for <see cref="CloseReason.Complete"/>.</summary>
    public const string Complete = "complete";

    /// <summary>The word for <see cref="CloseReason.End"/>.</summary>
    public const string End = "end";

    /// <summary>The word for <see cref="CloseReason.Idle"/>.</summary>
    public const string Idle = "idle";

    /// <summary>The word for <see cref="CloseReason.Stall"/>.</summary>
    public const string Stall = "stall";

    /// <summary>The word for <see cref="CloseReason.EndOfArray"/>.</summary>
    public const string EndOfArray = "endOfArray";

    /// <summary>Every reason, in declaration order.</summary>
    public static ImmutableArray<CloseReason> All { get; } = [.. Enum.GetValues<CloseReason>()];

    /// <summary>Every word, in the order of <see cref="All"/>.</summary>
    public static ImmutableArray<string> Names { get; } = [.. All.Select(Name)];

    /// <summary>The word for <paramref name="reason"/>.</summary>
    public static string Name(CloseReason reason) => reason switch
    {
        CloseReason.Complete => Complete,
        CloseReason.End => End,
        CloseReason.Idle => Idle,
        CloseReason.Stall => Stall,
        CloseReason.EndOfArray => EndOfArray,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a close reason."),
    };

    /// <summary>The word for <paramref name="reason"/>, or null for an open session.</summary>
    public static string? NameOrNull(CloseReason? reason) => reason is { } value ? Name(value) : null;

    /// <summary>The reason <paramref name="text"/> names, or false when it names none (a query parameter, say).</summary>
    public static bool TryParse(string? text, out CloseReason reason)
    {
        // The inverse of Name, so the words are written once.
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                reason = candidate;
                return true;
            }
        }

        reason = default;
        return false;
    }

    /// <summary>The reason a stored word names; a word the schema does not allow means a damaged database.</summary>
    public static CloseReason Parse(string text) => TryParse(text, out var reason)
        ? reason
        : throw new InvalidDataException($"Unknown close reason '{text}' in the database.");

    /// <summary>The closed status a session closed for <paramref name="reason"/> has.</summary>
    public static SessionStatus StatusOf(CloseReason reason) => reason switch
    {
        CloseReason.Complete => SessionStatus.Completed,
        CloseReason.End or CloseReason.EndOfArray => SessionStatus.Ended,
        CloseReason.Idle or CloseReason.Stall => SessionStatus.TimedOut,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a close reason."),
    };
}
