namespace Playtrail.Cli;

/// <summary>One <c>playtrail</c> subcommand.</summary>
internal interface ICommand
{
    /// <summary>The word that selects it, e.g. <c>validate</c>.</summary>
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Runs with the arguments after the command name; returns one of <see cref="ExitCodes"/>.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken);
}
