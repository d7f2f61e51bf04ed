
namespace Playtrail.Storage.Sessions;

/// <summary>
/// The spelling of <see cref="SessionStatus"/>, stored and served alike (the reports' <c>status</c>); the schema's
/// CHECK constraint lists the same words.
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

    /// <summary>The word for <paramref name="status"/>.</summary>
    public static string Name(SessionStatus status) => status switch
    {
        SessionStatus.Active => Active,
        SessionStatus.Completed => Completed,
        SessionStatus.Ended => Ended,
        _ => TimedOut,
    };

    /// <summary>The status a stored word names.</summary>
    public static SessionStatus Parse(string text) => text switch
    {
        Active => SessionStatus.Active,
        Completed => SessionStatus.Completed,
        Ended => SessionStatus.Ended,
        TimedOut => SessionStatus.TimedOut,
        _ => throw new InvalidDataException($"Unknown session status '{text}' in the database."),
    };
}
