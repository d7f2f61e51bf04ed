using System.Text.RegularExpressions;

namespace Playtrail.Server.Tests.Hosting;

/// <summary>
/// Every message Playtrail logs carries an event id an operator can filter and alert on: all logging in src/ goes
/// through <c>[LoggerMessage]</c> methods that name their id, never through <c>logger.LogWarning(...)</c> and friends,
/// which log with event id 0.
/// </summary>
public sealed partial class LogEventIdTests
{
    [Fact]
    public void EveryLoggerMessage_NamesAnEventId_AndNoCodeLogsWithoutOne()
    {
        var offenders = new List<string>();
        var messages = 0;
        foreach (var path in SourceFiles())
        {
            var lines = File.ReadAllLines(path);
            for (var index = 0; index < lines.Length; index++)
            {
                var line = lines[index];
                if (line.Contains("[LoggerMessage", StringComparison.Ordinal))
                {
                    messages++;
                    if (!LoggerMessageWithId().IsMatch(line))
                    {
                        offenders.Add($"{path}:{index + 1}: a [LoggerMessage] without an event id");
                    }
                }

                if (DirectLoggerCall().IsMatch(line))
                {
                    offenders.Add($"{path}:{index + 1}: a logger call without an event id: {line.Trim()}");
                }
            }
        }

        Assert.True(messages > 50, $"Only {messages} [LoggerMessage] methods found; is the source tree where the test looks?");
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    private static IEnumerable<string> SourceFiles()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Playtrail.slnx")))
            {
                var separator = Path.DirectorySeparatorChar;
                return Directory.EnumerateFiles(Path.Combine(directory.FullName, "src"), "*.cs", SearchOption.AllDirectories)
                    .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal)
                        && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal));
            }
        }

        throw new InvalidOperationException("Playtrail.slnx not found above " + AppContext.BaseDirectory);
    }

    // Either [LoggerMessage(12, ...)] or [LoggerMessage(EventId = 12, ...)].
    [GeneratedRegex(@"\[LoggerMessage\(\s*(?:EventId\s*=\s*)?\d+")]
    private static partial Regex LoggerMessageWithId();

    [GeneratedRegex(@"(?<!Math)\.Log(?:Trace|Debug|Information|Warning|Error|Critical)?\(|LoggerMessage\.Define")]
    private static partial Regex DirectLoggerCall();
}
