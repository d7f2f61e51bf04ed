namespace Playtrail.Core.Validation;

/// <summary>One validation failure.</summary>
/// <param name="Pointer">JSON pointer into the request body (RFC 6901); for an array, the element index first.</param>
/// <param name="Rule">The rule that failed, one of <see cref="ValidationRules"/>.</param>
/// <param name="Message">What is wrong, for a person.</param>
public readonly record struct ValidationError(string Pointer, string Rule, string Message);
