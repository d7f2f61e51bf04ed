namespace Playtrail.Core.Edge;

/// <summary>
/// Rule names that only the Media Edge dialect can break. Every other failure uses the names of
/// <see cref="Validation.ValidationRules"/>, since a translated event goes through the same validator.
/// </summary>
public static class EdgeRules
{
    /// <summary>A timestamp that is not an ISO 8601 date and time.</summary>
    public const string Format = "format";
    /// <summary>A request whose <c>events</c> array holds more events than the route takes.</summary>
    public const string MaxItems = "maxItems";
}
