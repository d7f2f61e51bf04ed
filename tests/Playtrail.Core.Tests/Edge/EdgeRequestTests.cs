using System.Text;
using Playtrail.Core.Edge;
using Playtrail.Core.Validation;

namespace Playtrail.Core.Tests.Edge;

public sealed class EdgeRequestTests
{
    [Theory]
    [InlineData("", "", ValidationRules.Json)]
    [InlineData("{\"events\":[", "", ValidationRules.Json)]
    [InlineData("[]", "", ValidationRules.Type)]
    [InlineData("{}", "/events", ValidationRules.Required)]
    [InlineData("{\"events\":{}}", "/events", ValidationRules.Type)]
    [InlineData("{\"events\":[]}", "/events", ValidationRules.MinItems)]
    [InlineData("{\"events\":[1]}", "/events/0", ValidationRules.Type)]
    public void MalformedEnvelope_IsRefusedWithPointerAndRule(string body, string pointer, string rule)
    {
        var errors = new ErrorCollector();

        using var request = EdgeRequest.Parse(Encoding.UTF8.GetBytes(body), errors);

        Assert.Null(request);
        var error = Assert.Single(errors.Errors);
        Assert.Equal((pointer, rule), (error.Pointer, error.Rule));
    }

    [Fact]
    public void MobileEnvelope_AsksForStreamedRecords_AndCarriesTheEcid()
    {
        // The shape the AEP Edge mobile extension sends (RequestBuilder / KonductorConfig in aepsdk-edge-android).
        const string body = """
            {"xdm":{"identityMap":{"ECID":[{"id":"ecid-mobile","authenticatedState":"ambiguous","primary":false}]},
                    "implementationDetails":{"name":"https://ns.adobe.com/experience/mobilesdk/android","version":"3.0.0","environment":"app"}},
             "events":[{"xdm":{"_id":"e1","timestamp":"2026-12-05T10:00:00.000Z","eventType":"media.play","mediaCollection":{"playhead":0,"sessionID":"s"}}}],
             "meta":{"konductorConfig":{"streaming":{"enabled":true,"recordSeparator":"\u0000","lineFeed":"\n"}}}}
            """;
        var errors = new ErrorCollector();

        using var request = EdgeRequest.Parse(Encoding.UTF8.GetBytes(body), errors)!;

        Assert.True(request.Streaming);
        Assert.Equal("\u0000", request.RecordSeparator);
        Assert.Equal("\n", request.LineFeed);
        Assert.Equal("ecid-mobile", request.VisitorIdFor(request.Events[0]!.Value));
    }

    [Fact]
    public void AlloyEnvelope_IsNotStreamed()
    {
        var errors = new ErrorCollector();

        using var request = EdgeRequest.Parse(Encoding.UTF8.GetBytes(Playtrail.Testing.Edge.AlloyCapture.Seq(2).Body), errors)!;

        Assert.False(request.Streaming);
        Assert.Null(request.RequestVisitorId);
    }

    [Theory]
    [InlineData("/events/0/xdm/mediaCollection/playhead", "$.events[0].xdm.mediaCollection.playhead")]
    [InlineData("/events/0/xdm/mediaDownloadedEvents/3/mediaEventType", "$.events[0].xdm.mediaDownloadedEvents[3].mediaEventType")]
    [InlineData("", "$")]
    [InlineData("/events/0/xdm/a b", "$.events[0].xdm['a b']")]
    public void Pointer_IsWrittenAsAnEdgeJsonPath(string pointer, string path) =>
        Assert.Equal(path, EdgeRequest.ToJsonPath(pointer));
}
