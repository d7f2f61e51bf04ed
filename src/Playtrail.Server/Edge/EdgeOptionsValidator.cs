using Microsoft.Extensions.Options;

namespace Playtrail.Server.Edge;

/// <summary>Fails start-up naming each wrong <c>Edge</c> setting.</summary>
internal sealed class EdgeOptionsValidator : IValidateOptions<EdgeOptions>
{
    public ValidateOptionsResult Validate(string? name, EdgeOptions options)
    {
        var problems = options.Problems();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
