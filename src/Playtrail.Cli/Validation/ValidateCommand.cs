using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Cli.Validation;

/// <summary>
/// <c>playtrail validate</c>: checks payload files with the server's own validator and reports exactly the
/// failures (pointer, rule, message) a <c>400</c> from the server would list.
/// </summary>
internal sealed class ValidateCommand : ICommand
{
    private const string Help = """
        Usage: playtrail validate [--route sessions|downloaded|events] [--json] FILE...

        Checks Media Collection API payloads exactly as the Playtrail server's ingestion routes do,
        without a server. FILE holds one event object or a downloaded session (a JSON array); gzip
        files are decompressed (recognised by content, e.g. session.json.gz); - reads standard input.

        Route each FILE is checked as:
          (default)           an array as POST /api/v1/downloaded (media.downloaded absent or true);
                              an object as POST /api/v1/sessions when its eventType is sessionStart
                              (or missing), otherwise as POST /api/v1/sessions/{sid}/events
          --route sessions    POST /api/v1/sessions: a live sessionStart, or a legacy downloaded array
                              (which then needs params."media.downloaded": true)
          --route downloaded  POST /api/v1/downloaded: a downloaded array
          --route events      POST /api/v1/sessions/{sid}/events: one event other than sessionStart

        Output, one FILE after another:
          FILE: valid (N events)
          FILE: <pointer> [<rule>] <message>    one line per failure, as the server's 400 lists them
                                                (no pointer when the failure is the whole body)
          --json  one line per FILE instead: the application/problem+json body the server would
                  answer with, or null when the FILE is valid

        Exit codes: 0 every FILE is valid, 1 some FILE is invalid, 2 usage error or unreadable FILE.
        """;

    public string Name => "validate";

    public string Summary => "Check payload files as the server's ingestion routes would.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CommandConsole console, CancellationToken cancellationToken)
    {
        if (!ValidateOptions.TryParse(args, out var options, out var error, out var help))
        {
            if (help)
            {
                await console.Out.WriteLineAsync(Help).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            await console.Error.WriteLineAsync("playtrail validate: " + error).ConfigureAwait(false);
            await console.Error.WriteLineAsync(Help).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var exitCode = ExitCodes.Success;
        var events = new List<ParsedEvent>();
        var errors = new ErrorCollector();
        foreach (var file in options.Files)
        {
            byte[] body;
            try
            {
                body = await InputFiles.ReadAsync(file, console.Input, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await console.Error.WriteLineAsync($"playtrail validate: cannot read {file}: {exception.Message}").ConfigureAwait(false);
                exitCode = ExitCodes.Usage;
                continue;
            }

            events.Clear();
            errors.Clear();
            var result = PayloadValidator.Validate(body, options.Route ?? ChooseRoute(body), events, errors);
            if (!result.IsValid)
            {
                exitCode = Math.Max(exitCode, ExitCodes.Invalid);
            }

            if (options.Json)
            {
                await console.Out.WriteLineAsync(result.IsValid ? "null" : ProblemJson(errors)).ConfigureAwait(false);
            }
            else
            {
                await WriteLinesAsync(console.Out, file, result.IsValid, events.Count, errors).ConfigureAwait(false);
            }
        }

        return exitCode;
    }

    /// <summary>
    /// The route a file is checked as when none is given: arrays are downloaded sessions (the current route,
    /// which does not need media.downloaded), objects go where their event type is sent.
    /// </summary>
    internal static IngestionRoute ChooseRoute(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read())
            {
                return IngestionRoute.Sessions;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                return IngestionRoute.Downloaded;
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return IngestionRoute.Sessions;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEventType = reader.ValueTextEquals("eventType"u8);
                reader.Read();
                if (isEventType)
                {
                    return reader.TokenType == JsonTokenType.String && !reader.ValueTextEquals("sessionStart"u8)
                        ? IngestionRoute.Events
                        : IngestionRoute.Sessions;
                }

                reader.Skip();
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // Malformed JSON: any route reports the same json failure.
        }

        return IngestionRoute.Sessions;
    }

    private static async Task WriteLinesAsync(TextWriter output, string file, bool valid, int eventCount, ErrorCollector errors)
    {
        if (valid)
        {
            var noun = eventCount == 1 ? "event" : "events";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{file}: valid ({eventCount} {noun})")).ConfigureAwait(false);
            return;
        }

        foreach (var error in errors.Errors)
        {
            var pointer = error.Pointer.Length == 0 ? "" : error.Pointer + " ";
            await output.WriteLineAsync($"{file}: {pointer}[{error.Rule}] {error.Message}").ConfigureAwait(false);
        }

        if (errors.Truncated)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{file}: more failures not listed (the server lists the first {errors.Capacity})")).ConfigureAwait(false);
        }
    }

    private static string ProblemJson(ErrorCollector errors)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ProblemDocument.Write(writer, errors);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
