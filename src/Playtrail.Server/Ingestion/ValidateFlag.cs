namespace Playtrail.Server.Ingestion;

/// <summary>
/// The <c>?validate=</c> query flag. A value that is neither true nor false is refused rather than
/// ignored, so a typo never stores data its sender meant only to check.
/// </summary>
internal static class ValidateFlag
{
    public const string Name = "validate";

    /// <summary>True or false when the flag is given and readable; null when absent or unreadable.</summary>
    public static bool? Read(HttpRequest request)
    {
        if (!request.Query.TryGetValue(Name, out var values))
        {
            return false;
        }

        return values.ToString().ToLowerInvariant() switch
        {
            "" or "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        };
    }
}
