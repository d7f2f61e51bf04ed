using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Sqlite;

/// <summary>The stored spelling of <see cref="SessionStatus"/>; the schema's CHECK constraint lists the same words.</summary>
internal static class SessionStatusText
{
    public const string Active = "active";
    public const string Completed = "completed";
    public const string Ended = "ended";
    public const string TimedOut = "timedOut";

    public static SessionStatus Parse(string text) => text switch
    {
        Active => SessionStatus.Active,
        Completed => SessionStatus.Completed,
        Ended => SessionStatus.Ended,
        TimedOut => SessionStatus.TimedOut,
        _ => throw new InvalidDataException($"Unknown session status '{text}' in the database."),
    };
}
