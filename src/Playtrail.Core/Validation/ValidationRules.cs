namespace Playtrail.Core.Validation;

/// <summary>The names of the rules a payload can fail, as they appear in error responses.</summary>
public static class ValidationRules
{
    /// <summary>The body is not well-formed JSON.</summary>
    public const string Json = "json";
    /// <summary>A value has the wrong JSON type.</summary>
    public const string Type = "type";
    /// <summary>A required field is missing.</summary>
    public const string Required = "required";
    /// <summary>A field that this event type does not accept.</summary>
    public const string AdditionalProperties = "additionalProperties";
    /// <summary>A field that must not be sent with this event type (<c>params</c> on <c>ping</c>).</summary>
    public const string Forbidden = "forbidden";
    /// <summary>The same key appears twice in one object.</summary>
    public const string DuplicateKey = "duplicateKey";
    /// <summary>A number below its minimum.</summary>
    public const string Minimum = "minimum";
    /// <summary>A number above its maximum.</summary>
    public const string Maximum = "maximum";
    /// <summary>A string longer than <see cref="ValidationLimits.MaxStringLength"/>.</summary>
    public const string MaxLength = "maxLength";
    /// <summary>An event larger than <see cref="ValidationLimits.MaxEventBytes"/>; the payload is refused with 413.</summary>
    public const string MaxEventBytes = "maxEventBytes";
    /// <summary>A downloaded session of more than <see cref="ValidationLimits.MaxEvents"/> events; refused with 413.</summary>
    public const string MaxEvents = "maxEvents";
    /// <summary>An empty string where text is required.</summary>
    public const string MinLength = "minLength";
    /// <summary>A value outside its list of allowed values.</summary>
    public const string Enum = "enum";
    /// <summary>A key or value that does not match its pattern.</summary>
    public const string Pattern = "pattern";
    /// <summary>None of a set of alternative fields is present.</summary>
    public const string AnyOf = "anyOf";
    /// <summary>An empty downloaded array.</summary>
    public const string MinItems = "minItems";
    /// <summary>A downloaded array whose first element is not <c>sessionStart</c>.</summary>
    public const string FirstEvent = "firstEvent";
    /// <summary>A second <c>sessionStart</c> in a downloaded array.</summary>
    public const string SingleSessionStart = "singleSessionStart";
    /// <summary>An event sent to a route that does not take it.</summary>
    public const string Route = "route";
    /// <summary><c>media.downloaded: true</c> on a live session.</summary>
    public const string DownloadedOnLive = "downloadedOnLive";
    /// <summary><c>media.downloaded</c> missing or false where a downloaded session needs it.</summary>
    public const string DownloadedRequired = "downloadedRequired";
}
