using Notifications.Api.Email;
using Notifications.Api.Feed;

namespace Notifications.Tests;

/// <summary>The fan-out skips reading an item's JSON for types that never mail: that shortcut must not hide a mail.</summary>
public sealed class EmailKindTests
{
    private static readonly string?[] Statuses =
    [
        null, "Submitted", "AwaitingPayment", "UnderReview", "InformationRequested", "UnderAppeal", "Issued", "Rejected",
        "Cancelled", "Expired", "Withdrawn", "Active", "Suspended", "Revoked", "Surrendered", "Lapsed",
    ];

    [Fact]
    public void Every_type_that_can_become_a_mail_is_one_the_fan_out_reads()
    {
        var mailing = FeedTypes.All
            .Where(type => Statuses.Any(previous => Statuses.Any(status => EmailFanOut.Kind(type, previous, status) is not null)))
            .ToList();

        mailing.Should().NotBeEmpty();
        mailing.Should().OnlyContain(type => EmailFanOut.MayMail(type));
        FeedTypes.All.Where(EmailFanOut.MayMail).Should().BeEquivalentTo(mailing, "a type read for nothing costs a parse per event");
    }
}
