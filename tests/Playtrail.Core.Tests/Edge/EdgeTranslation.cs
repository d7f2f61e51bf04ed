using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Playtrail.Core.Edge;
using Playtrail.Core.Events;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Edge;

/// <summary>Runs one Edge request body through the translation and the validator, as the server does.</summary>
internal sealed record EdgeTranslation(EdgeEvent? Event, IReadOnlyList<ValidationError> Errors)
{
    public static readonly EdgeDatastream Datastream = new("capturersid", "capture.sc.omtrdc.net", "0123456789ABCDEF01234567@AdobeOrg");

    public bool IsValid => Event is not null && Errors.Count == 0;

    /// <summary>The translated Media Collection event.</summary>
    public JsonNode Translated => JsonNode.Parse(Encoding.UTF8.GetString(Event!.Json.Span))!;

    public static EdgeTranslation Of(string body, EventType? expected = null)
    {
        var errors = new ErrorCollector();
        using var request = EdgeRequest.Parse(Encoding.UTF8.GetBytes(body), errors);
        if (request is null)
        {
            return new EdgeTranslation(null, [.. errors.Errors]);
        }

        var xdm = request.Events[0]!.Value;
        var translated = EdgeTranslator.Translate(xdm, EdgeRequest.XdmPointer(0), EdgeEventForm.Online, Datastream, request.VisitorIdFor(xdm), expected, errors);
        translated?.Validate([], errors);
        return new EdgeTranslation(translated, [.. errors.Errors]);
    }

    /// <summary>The event type an alloy path stands for: <c>interact</c> carries sessionStart.</summary>
    public static EventType TypeOfAction(string action) =>
        action == "interact" ? EventType.SessionStart : EventTypeNames.TryParse(action, out var type) ? type : throw new ArgumentException(action);

    public void AssertValid() => Assert.True(IsValid, string.Join("\n", Errors.Select(error => $"{error.Pointer} {error.Rule}: {error.Message}")));

    public void AssertSingle(string pointer, string rule)
    {
        Assert.False(IsValid, "expected a failure");
        var error = Assert.Single(Errors);
        Assert.Equal((pointer, rule), (error.Pointer, error.Rule));
    }
}
