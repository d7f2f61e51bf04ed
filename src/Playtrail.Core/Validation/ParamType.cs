namespace Playtrail.Core.Validation;

/// <summary>The JSON shape a parameter must have.</summary>
public enum ParamType
{
    /// <summary>A JSON string.</summary>
    String,
    /// <summary>Any JSON number.</summary>
    Number,
    /// <summary>A JSON number with no fractional part.</summary>
    Integer,
    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,
    /// <summary>An integer, or a string (one SDK sends the AAM location hint as text).</summary>
    IntegerOrString,
    /// <summary><c>visitor.customerIDs</c>: <c>{ "type": { "id": "...", "authState": 0|1|2 } }</c>.</summary>
    CustomerIds,
    /// <summary><c>statesUpdate</c> lists: <c>[ { "media.state.name": "..." } ]</c>.</summary>
    StateList,
}
