using System.Text.Json;
using System.Text.Json.Serialization;
using Playtrail.Server.Operations;

namespace Playtrail.Server.Reporting;

/// <summary>Source-generated serialisation for every JSON document the server writes.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(HealthView))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
