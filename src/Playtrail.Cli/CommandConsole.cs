namespace Playtrail.Cli;

/// <summary>The standard streams a command uses, passed in so tests can run commands in-process.</summary>
/// <param name="Input">Standard input, read when a file argument is <c>-</c>.</param>
/// <param name="Out">Results.</param>
/// <param name="Error">Usage errors, unreadable files and progress bars.</param>
/// <param name="ErrorIsTerminal">Standard error is a terminal, so a progress bar may redraw itself in place.</param>
internal sealed record CommandConsole(Stream Input, TextWriter Out, TextWriter Error, bool ErrorIsTerminal = false);
