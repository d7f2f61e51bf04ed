using Playtrail.Core.Events;

namespace Playtrail.Core.Validation;

/// <summary>The validation rules of one event type.</summary>
/// <param name="Type">The event type.</param>
/// <param name="Params">The keys its <c>params</c> may hold (QoE keys are accepted too unless <paramref name="ParamsAllowed"/> is false).</param>
/// <param name="ParamsAllowed">False for <c>ping</c>, which must not carry <c>params</c>.</param>
/// <param name="CustomMetadataAllowed">Whether <c>customMetadata</c> may be sent with it.</param>
/// <param name="Description">One line for the JSON Schema and the API docs.</param>
public sealed record EventRule(
    EventType Type,
    IReadOnlyList<ParamRule> Params,
    bool ParamsAllowed,
    bool CustomMetadataAllowed,
    string Description)
{
    /// <summary>Whether the event must carry a <c>params</c> object (it has a required key).</summary>
    public bool ParamsRequired { get; } = Params.Any(p => p.Required);

    /// <summary>At least one of these keys must be present (<c>statesUpdate</c>).</summary>
    public IReadOnlyList<string>? AnyOf { get; init; }
}
