using LicenceApplications.Api.Domain;

namespace LicenceApplications.Tests;

public sealed class StateMachineTests
{
    private static readonly (ApplicationStatus From, ApplicationStatus To)[] _legal =
    [
        (ApplicationStatus.AwaitingPayment, ApplicationStatus.UnderReview),
        (ApplicationStatus.AwaitingPayment, ApplicationStatus.Issued),
        (ApplicationStatus.AwaitingPayment, ApplicationStatus.Expired),
        (ApplicationStatus.AwaitingPayment, ApplicationStatus.Cancelled),
        (ApplicationStatus.UnderReview, ApplicationStatus.Issued),
        (ApplicationStatus.UnderReview, ApplicationStatus.Rejected),
        (ApplicationStatus.UnderReview, ApplicationStatus.Cancelled),
        (ApplicationStatus.UnderReview, ApplicationStatus.InformationRequested),
        (ApplicationStatus.UnderReview, ApplicationStatus.Withdrawn),
        (ApplicationStatus.InformationRequested, ApplicationStatus.UnderReview),
        (ApplicationStatus.InformationRequested, ApplicationStatus.Withdrawn),
        (ApplicationStatus.InformationRequested, ApplicationStatus.Cancelled),
        (ApplicationStatus.Rejected, ApplicationStatus.UnderAppeal),
        (ApplicationStatus.UnderAppeal, ApplicationStatus.Issued),
        (ApplicationStatus.UnderAppeal, ApplicationStatus.Rejected),
        (ApplicationStatus.UnderAppeal, ApplicationStatus.Cancelled),
    ];

    public static TheoryData<ApplicationStatus, ApplicationStatus> AllPairs()
    {
        var data = new TheoryData<ApplicationStatus, ApplicationStatus>();
        foreach (var from in Enum.GetValues<ApplicationStatus>())
        {
            foreach (var to in Enum.GetValues<ApplicationStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_documented_transitions_are_allowed(ApplicationStatus from, ApplicationStatus to) =>
        ApplicationStateMachine.CanMove(from, to).Should().Be(_legal.Contains((from, to)));

    [Fact]
    public void Awaiting_payment_under_review_and_information_requested_are_open() =>
        Enum.GetValues<ApplicationStatus>().Where(ApplicationStateMachine.IsOpen)
            .Should().BeEquivalentTo([ApplicationStatus.AwaitingPayment, ApplicationStatus.UnderReview, ApplicationStatus.InformationRequested]);

    [Fact]
    public void An_appeal_is_pending_but_not_open() =>
        Enum.GetValues<ApplicationStatus>().Where(ApplicationStateMachine.IsPending)
            .Should().BeEquivalentTo([
                ApplicationStatus.AwaitingPayment, ApplicationStatus.UnderReview, ApplicationStatus.InformationRequested,
                ApplicationStatus.UnderAppeal,
            ]);

    [Fact]
    public void Issued_expired_cancelled_and_withdrawn_are_final() =>
        Enum.GetValues<ApplicationStatus>().Where(from => Enum.GetValues<ApplicationStatus>().All(to => !ApplicationStateMachine.CanMove(from, to)))
            .Should().BeEquivalentTo([ApplicationStatus.Issued, ApplicationStatus.Expired, ApplicationStatus.Cancelled, ApplicationStatus.Withdrawn]);
}
