namespace Playtrail.Server.OpenApi;

/// <summary>
/// Endpoint metadata for a route that reads its JSON body by hand (through <c>RequestBodyReader</c>), so the OpenAPI
/// document still says what the body is: <see cref="OpenApiSetup"/> turns it into the operation's request body.
/// </summary>
/// <param name="Shape">What the top level is: an object, an array of objects, or either.</param>
/// <param name="Description">What the body holds and where its events' JSON Schemas are served.</param>
internal sealed record JsonBodyDescription(JsonBodyShape Shape, string Description);

/// <summary>The top-level JSON value a hand-read body must be.</summary>
internal enum JsonBodyShape
{
    Object,
    ArrayOfObjects,
    ObjectOrArrayOfObjects,
}
