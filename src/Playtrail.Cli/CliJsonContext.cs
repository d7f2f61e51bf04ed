using System.Text.Json.Serialization;
using Playtrail.Cli.Simulation;
using Playtrail.Cli.Upload;

namespace Playtrail.Cli;

/// <summary>Source-generated JSON for the commands' <c>--json</c> results.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(SimulationResult))]
[JsonSerializable(typeof(UploadResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
