using Microsoft.Extensions.Options;

namespace Playtrail.Server.Reporting;

/// <summary>Fails start-up naming each wrong <c>Reporting</c> setting.</summary>
internal sealed class ReportingOptionsValidator : IValidateOptions<ReportingOptions>
{
    public ValidateOptionsResult Validate(string? name, ReportingOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
