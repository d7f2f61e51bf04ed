namespace Playtrail.Cli;

/// <summary>The process exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything checked out.</summary>
    public const int Success = 0;

    /// <summary>The command ran, and found an input invalid.</summary>
    public const int Invalid = 1;

    /// <summary>Bad arguments, or an input that could not be read.</summary>
    public const int Usage = 2;
}
