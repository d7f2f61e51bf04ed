namespace Playtrail.Core.Validation;

/// <summary>The outcome of validating one request body.</summary>
/// <param name="Shape">What the body held.</param>
/// <param name="IsValid">True when every rule held; the events were then appended to the caller's list.</param>
public readonly record struct PayloadResult(PayloadShape Shape, bool IsValid);
