namespace Playtrail.Core.Validation;

/// <summary>The top-level shape of a request body.</summary>
public enum PayloadShape
{
    /// <summary>Not JSON, or neither an object nor an array.</summary>
    Invalid,
    /// <summary>One event object.</summary>
    Event,
    /// <summary>An array of events: a whole downloaded session.</summary>
    Session,
}
