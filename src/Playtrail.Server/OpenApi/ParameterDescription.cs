using Microsoft.OpenApi;

namespace Playtrail.Server.OpenApi;

/// <summary>
/// Endpoint metadata for a query parameter or header the handler reads itself (through <c>ReportParameters</c>, say),
/// which the OpenAPI generator cannot see in the handler's signature; <see cref="OpenApiSetup"/> adds it to the operation.
/// </summary>
internal sealed record ParameterDescription(ParameterLocation In, string Name, JsonSchemaType Type, string Description, string? Format = null);
