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
    public void Only_awaiting_payment_and_under_review_are_open() =>
        Enum.GetValues<ApplicationStatus>().Where(ApplicationStateMachine.IsOpen)
            .Should().BeEquivalentTo([ApplicationStatus.AwaitingPayment, ApplicationStatus.UnderReview]);
}
