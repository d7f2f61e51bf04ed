namespace Playtrail.Core.Validation;

/// <summary>The outcome of validating one request body.</summary>
/// <param name="Shape">What the body held.</param>
/// <param name="IsValid">True when every rule held; the events were then appended to the caller's list.</param>
/// <param name="OverLimit">
/// True when the body broke a size limit (<see cref="ValidationLimits.MaxEvents"/> or <see cref="ValidationLimits.MaxEventBytes"/>):
/// reading stopped there, and the answer is a 413 rather than a 400.
/// </param>
public readonly record struct PayloadResult(PayloadShape Shape, bool IsValid, bool OverLimit = false);
