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

        Assert.Equal(new DownloadedClose(CloseReason.End, 100, 400), close);
    }

    [Fact]
    public void ASessionWithoutACloseEvent_EndsAtItsLastEvent()
    {
        var close = SessionClosing.OfDownloaded([Event(EventType.SessionStart, 100), Event(EventType.Play, 150)]);

        Assert.Equal(new DownloadedClose(CloseReason.EndOfArray, 100, 150), close);
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

/// <summary>The one mapping between the status and close-reason enums and their stored words.</summary>
public sealed class StoredWordTests
{
    // Written out by hand: these words are in databases and API answers already, so the enums must keep them.
    [Theory]
    [InlineData(CloseReason.Complete, "complete", SessionStatus.Completed)]
    [InlineData(CloseReason.End, "end", SessionStatus.Ended)]
    [InlineData(CloseReason.Idle, "idle", SessionStatus.TimedOut)]
    [InlineData(CloseReason.Stall, "stall", SessionStatus.TimedOut)]
    [InlineData(CloseReason.EndOfArray, "endOfArray", SessionStatus.Ended)]
    public void ACloseReason_HasOneWord_AndOneStatus(CloseReason reason, string word, SessionStatus status)
    {
        Assert.Equal(word, CloseReasonText.Name(reason));
        Assert.Equal(reason, CloseReasonText.Parse(word));
        Assert.Equal(status, CloseReasonText.StatusOf(reason));
    }

    [Theory]
    [InlineData(SessionStatus.Active, "active")]
    [InlineData(SessionStatus.Completed, "completed")]
    [InlineData(SessionStatus.Ended, "ended")]
    [InlineData(SessionStatus.TimedOut, "timedOut")]
    public void AStatus_HasOneWord(SessionStatus status, string word)
    {
        Assert.Equal(word, SessionStatusText.Name(status));
        Assert.Equal(status, SessionStatusText.Parse(word));
    }

    [Fact]
    public void TheWordLists_CoverEveryEnumValueOnce()
    {
        Assert.Equal(new[] { "complete", "end", "idle", "stall", "endOfArray" }, CloseReasonText.Names.ToArray());
        Assert.Equal(new[] { "active", "completed", "ended", "timedOut" }, SessionStatusText.Names.ToArray());
    }

    [Theory]
    [InlineData("Complete")]
    [InlineData("timedOut")]
    [InlineData("")]
    public void AnUnknownStoredWord_IsADamagedDatabase(string word)
    {
        Assert.False(CloseReasonText.TryParse(word, out _));
        Assert.Throws<InvalidDataException>(() => CloseReasonText.Parse(word));
    }

    [Theory]
    [InlineData(EventType.SessionComplete, CloseReason.Complete)]
    [InlineData(EventType.SessionEnd, CloseReason.End)]
    [InlineData(EventType.Ping, null)]
    [InlineData(EventType.SessionStart, null)]
    public void AnOnlineEvent_HasTheCloseReasonOfItsType(EventType type, CloseReason? reason)
    {
        Assert.Equal(reason, SessionClosing.ReasonOf(type));
    }
}
