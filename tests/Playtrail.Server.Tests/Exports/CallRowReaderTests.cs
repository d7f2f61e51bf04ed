using System.Text;
using Playtrail.Server.Exports;

namespace Playtrail.Server.Tests.Exports;

public sealed class CallRowReaderTests
{
    private static List<CallRow> Read(string json)
    {
        var rows = new List<CallRow>();
        CallRowReader.Read(new SessionRow(ExportSamples.Online(), new DateOnly(2026, 11, 29)), Encoding.UTF8.GetBytes(json), rows);
        return rows;
    }

    [Fact]
    public void KeysInAnyOrder_AndSpacesBetweenTokens_AreRead_AndTheContextDataIsSlicedAsStored()
    {
        // As a jsonb column hands JSON back: keys reordered, a space after each colon and comma.
        var rows = Read("""[{"ts": 1796016600000, "type": "adClose", "contextData": {"a.media.ad.timePlayed": 15, "a.media.ad.name": "ad-1", "a.media.ad.complete": true}}]""");

        var call = Assert.Single(rows);
        Assert.Equal(("adClose", 1_796_016_600_000L, "ad-1", 15.0, true), (call.Type, call.Ts, call.ItemId, call.TimePlayed!.Value, call.Complete!.Value));
        Assert.Equal("""{"a.media.ad.timePlayed": 15, "a.media.ad.name": "ad-1", "a.media.ad.complete": true}""", Encoding.UTF8.GetString(call.ContextData.Span));
    }

    [Fact]
    public void StartCalls_HaveNoPromotedCloseValues_AndAnEmptyArrayHasNoRows()
    {
        var rows = Read("""[{"type":"start","ts":null,"contextData":{"a.media.view":true,"a.media.timePlayed":3}}]""");

        var call = Assert.Single(rows);
        Assert.Equal((null, null, (bool?)null), (call.ItemId, call.TimePlayed, call.Complete));
        Assert.Empty(Read("[]"));
    }
}
