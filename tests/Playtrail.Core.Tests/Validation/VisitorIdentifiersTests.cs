using System.Text;
using Playtrail.Core.Events;
using Playtrail.Testing;

namespace Playtrail.Core.Tests.Validation;

public sealed class VisitorIdentifiersTests
{
    [Fact]
    public void Read_OfASessionStartNamingEveryKindOfIdentifier_ListsEachValueOnceInOrder()
    {
        var json = Samples.SessionStart(1_700_000_000_000, extraParams: """
            "visitor.marketingCloudUserId": "12345678901234567890123456789012345678",
            "analytics.aid": "2DF2E2E1051D2F70-4000010C8000B2F4",
            "analytics.visitorId": "custom-vid",
            "visitor.customerIDs": {"crm": {"id": "c-1", "authState": 1}, "email": {"authState": 0, "id": "a\u00e9@example.com"}, "dup": {"id": "c-1"}}
            """);

        var identifiers = VisitorIdentifiers.Read(Encoding.UTF8.GetBytes(json));

        Assert.Equal(["12345678901234567890123456789012345678", "2DF2E2E1051D2F70-4000010C8000B2F4", "custom-vid", "c-1", "aé@example.com"], identifiers);
    }

    [Fact]
    public void Read_OfASessionStartWithoutIdentifiers_IsEmpty()
    {
        var identifiers = VisitorIdentifiers.Read(Encoding.UTF8.GetBytes(Samples.SessionStart(1_700_000_000_000)));

        Assert.Empty(identifiers);
    }

    [Fact]
    public void Read_IgnoresEmptyValuesAndTheOrganisationId()
    {
        var json = Samples.SessionStart(1_700_000_000_000, extraParams: "\"visitor.marketingCloudUserId\": \"\"");

        Assert.Empty(VisitorIdentifiers.Read(Encoding.UTF8.GetBytes(json)));
    }
}
