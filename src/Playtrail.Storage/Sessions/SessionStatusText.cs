using System.Collections.Immutable;

namespace Playtrail.Storage.Sessions;

/// <summary>
/// The spelling of <see cref="SessionStatus"/>, stored and served alike (the reports' <c>status</c>); the schemas'
/// CHECK constraints list the same words, and SQL that reads or writes a status builds its literal from these constants.
/// </summary>
public static class SessionStatusText
{
    /// <summary>Open.</summary>
    public const string Active = "active";

    /// <summary>Closed by sessionComplete.</summary>
    public const string Completed = "completed";

    /// <summary>Closed by sessionEnd or at the end of a downloaded array.</summary>
    public const string Ended = "ended";

    /// <summary>Closed by the sweeper.</summary>
    public const string TimedOut = "timedOut";

    /// <summary>Every status, in declaration order.</summary>
    public static ImmutableArray<SessionStatus> All { get; } = [.. Enum.GetValues<SessionStatus>()];

    /// <summary>Every word, in the order of <see cref="All"/>.</summary>
    public static ImmutableArray<string> Names { get; } = [.. All.Select(Name)];

    /// <summary>The word for <paramref name="status"/>.</summary>
    public static string Name(SessionStatus status) => status switch
    {
        SessionStatus.Active => Active,
        SessionStatus.Completed => Completed,
        SessionStatus.Ended => Ended,
        SessionStatus.TimedOut => TimedOut,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a session status."),
    };

    /// <summary>The status <paramref name="text"/> names, or false when it names none (a query parameter, say).</summary>
    public static bool TryParse(string? text, out SessionStatus status)
    {
        // The inverse of Name, so the words are written once.
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), text, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>The status a stored word names; a word the schema does not allow means a damaged database.</summary>
    public static SessionStatus Parse(string text) => TryParse(text, out var status)
        ? status
        : throw new InvalidDataException($"Unknown session status '{text}' in the database.");
}
