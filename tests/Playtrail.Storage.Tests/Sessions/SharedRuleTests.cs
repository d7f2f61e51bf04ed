using Playtrail.Core.Events;
using Playtrail.Storage.Sessions;

namespace Playtrail.Storage.Tests.Sessions;

/// <summary>The closing rule both stores apply, on its own.</summary>
public sealed class SessionClosingTests
{
    private static EventRecord Event(EventType type, long ts) => new(type, ts, 0, ReadOnlyMemory<byte>.Empty);

    [Fact]
    public void TheFirstCloseEventDecides_AndLaterOnesDoNotRecloseTheSession()
    {
        var close = SessionClosing.OfDownloaded(
            [Event(EventType.SessionStart, 100), Event(EventType.SessionEnd, 300), Event(EventType.SessionComplete, 400), Event(EventType.Ping, 200)]);

        Assert.Equal(new DownloadedClose("ended", "end", 100, 400), close);
    }

    [Fact]
    public void ASessionWithoutACloseEvent_EndsAtItsLastEvent()
    {
        var close = SessionClosing.OfDownloaded([Event(EventType.SessionStart, 100), Event(EventType.Play, 150)]);

        Assert.Equal(new DownloadedClose("ended", "endOfArray", 100, 150), close);
    }

    [Theory]
    [InlineData(EventType.SessionComplete, "completed", "complete")]
    [InlineData(EventType.SessionEnd, "ended", "end")]
    [InlineData(EventType.Ping, null, null)]
    public void AnOnlineEvent_ClosesOnlyWhenItIsAnEndOrAComplete(EventType type, string? status, string? reason)
    {
        Assert.Equal((status, reason), SessionClosing.ByEvent(type));
    }
}

/// <summary>The idempotency rule both stores apply to the earlier upload they found.</summary>
public sealed class UploadIdentityTests
{
    private static readonly byte[] Hash = [1, 2, 3];
    private static readonly DateTimeOffset Window = DateTimeOffset.UnixEpoch;

    [Fact]
    public void TheSameKeyWithTheSameBody_IsARepeatOfTheEarlierSession()
    {
        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, "s-1"), new UploadIdentity("k", Hash, Window).Judge("s-1", [1, 2, 3]));
    }

    [Fact]
    public void TheSameKeyWithAnotherBody_OrAnEarlierBodyNotKept_IsAConflict()
    {
        Assert.Equal(DownloadedOutcomeKind.KeyConflict, new UploadIdentity("k", Hash, Window).Judge("s-1", [9]).Kind);
        Assert.Equal(DownloadedOutcomeKind.KeyConflict, new UploadIdentity("k", Hash, Window).Judge("s-1", []).Kind);
    }

    [Fact]
    public void WithoutAKey_AnEarlierUploadFoundByItsBody_IsARepeat()
    {
        Assert.Equal(new DownloadedOutcome(DownloadedOutcomeKind.Duplicate, "s-1"), new UploadIdentity(null, Hash, Window).Judge("s-1", []));
    }
}
