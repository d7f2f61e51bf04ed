using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Playtrail.Server.Access;
using Playtrail.Server.Reporting;

namespace Playtrail.Server.Tests.Access;

public sealed class ReportingAccessTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IssuedToken_IsValidUntilItsLifetimeEnds()
    {
        var access = Access(TimeSpan.FromHours(1), "first-key-0123456789");
        var token = access.IssueToken("first-key-0123456789")!;

        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.True(access.IsValidToken(token));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(access.IsValidToken(token));
    }

    [Fact]
    public void Token_OfAKeyNoLongerConfigured_IsRefused()
    {
        var token = Access(TimeSpan.FromHours(1), "old-key-0123456789", "kept-key-0123456789").IssueToken("old-key-0123456789")!;

        Assert.False(Access(TimeSpan.FromHours(1), "kept-key-0123456789").IsValidToken(token));
        Assert.True(Access(TimeSpan.FromHours(1), "old-key-0123456789").IsValidToken(token));
    }

    [Fact]
    public void Token_WithALaterExpiryWrittenIn_IsRefused()
    {
        var access = Access(TimeSpan.FromHours(1), "the-key-0123456789");
        var parts = access.IssueToken("the-key-0123456789")!.Split('.');
        parts[1] = (long.Parse(parts[1]) + 86_400).ToString();

        Assert.False(access.IsValidToken(string.Join('.', parts)));
    }

    [Fact]
    public void IssueToken_ForAnUnknownKey_GivesNothing()
    {
        Assert.Null(Access(TimeSpan.FromHours(1), "the-key-0123456789").IssueToken("the-key-012345678"));
    }

    private ReportingAccess Access(TimeSpan lifetime, params string[] keys)
    {
        var options = new ReportingOptions { LoginLifetime = lifetime };
        foreach (var key in keys)
        {
            options.ApiKeys.Add(key);
        }

        return new ReportingAccess(Options.Create(options), _clock);
    }
}
