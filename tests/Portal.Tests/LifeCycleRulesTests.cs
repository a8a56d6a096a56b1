using Portal.Api;
using Portal.Business;
using Portal.Localisation;

namespace Portal.Tests;

/// <summary>The API's rules the pages follow to offer only what it would accept: renewal window, appeal period, history notes.</summary>
public sealed class LifeCycleRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static readonly LicenceTypeDto Alcohol = new("ALCOHOL-RETAIL", "Alcohol", 4000, "TMT", 12, true, ["47.11"],
        RenewalWindowDays: 60, RenewalGraceDays: 15);

    [Theory]
    [InlineData("Active", 61, false)] // the window opens 60 days before the end
    [InlineData("Active", 60, true)]
    [InlineData("Active", 0, true)]
    [InlineData("Expired", -15, true)] // the grace period: 15 days after the end
    [InlineData("Expired", -16, false)]
    [InlineData("Suspended", 10, false)]
    [InlineData("Revoked", 10, false)]
    [InlineData("Surrendered", 10, false)]
    public void A_licence_may_be_renewed_from_its_types_window_before_its_end_to_its_grace_after(string status, int daysLeft, bool open)
    {
        RenewalWindow.IsOpen(status, Today.AddDays(daysLeft), Alcohol, defaultWindowDays: 90, Today).Should().Be(open);
    }

    [Fact]
    public void Without_the_type_in_the_catalogue_the_configured_window_applies_and_no_grace()
    {
        RenewalWindow.IsOpen("Active", Today.AddDays(30), null, defaultWindowDays: 30, Today).Should().BeTrue();
        RenewalWindow.IsOpen("Active", Today.AddDays(31), null, defaultWindowDays: 30, Today).Should().BeFalse();
        RenewalWindow.IsOpen("Expired", Today.AddDays(-1), null, defaultWindowDays: 30, Today).Should().BeFalse();
    }

    [Theory]
    [InlineData("UnderReview", true)]
    [InlineData("InformationRequested", true)]
    [InlineData("AwaitingPayment", false)] // before payment the owner cancels instead
    [InlineData("UnderAppeal", false)]
    [InlineData("Issued", false)]
    [InlineData("Rejected", false)]
    [InlineData("Cancelled", false)]
    [InlineData("Withdrawn", false)]
    public void Only_an_application_under_review_may_be_withdrawn(string status, bool offered)
    {
        ApplicationRules.CanWithdraw(Application(status)).Should().Be(offered);
    }

    [Fact]
    public void An_appeal_is_offered_once_within_thirty_days_of_the_rejection()
    {
        var rejectedAt = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var rejected = Application("Rejected", ("UnderReview", rejectedAt.AddDays(-2)), ("Rejected", rejectedAt));

        ApplicationRules.AppealDeadline(rejected, rejectedAt.AddDays(30)).Should().Be(rejectedAt.AddDays(30));
        ApplicationRules.AppealDeadline(rejected, rejectedAt.AddDays(30).AddSeconds(1)).Should().BeNull();
        var dismissed = Application("Rejected", ("Rejected", rejectedAt), ("UnderAppeal", rejectedAt.AddDays(1)), ("Rejected", rejectedAt.AddDays(2)));
        ApplicationRules.AppealDeadline(dismissed, rejectedAt.AddDays(3)).Should().BeNull("an appeal is made once");
        ApplicationRules.AppealDeadline(Application("UnderReview"), rejectedAt).Should().BeNull();
    }

    [Fact]
    public void Documents_are_taken_while_open_and_after_a_rejection_until_it_is_appealed()
    {
        ApplicationRules.AcceptsDocuments(Application("UnderReview")).Should().BeTrue();
        ApplicationRules.AcceptsDocuments(Application("InformationRequested")).Should().BeTrue();
        ApplicationRules.AcceptsDocuments(Application("Rejected", ("Rejected", DateTimeOffset.UtcNow))).Should().BeTrue();
        ApplicationRules.AcceptsDocuments(Application("Rejected", ("UnderAppeal", DateTimeOffset.UtcNow), ("Rejected", DateTimeOffset.UtcNow)))
            .Should().BeFalse();
        ApplicationRules.AcceptsDocuments(Application("Issued")).Should().BeFalse();
    }

    [Theory]
    [InlineData("appealed: The premises passed inspection: see the report.", "The premises passed inspection: see the report.")]
    [InlineData("regulator-rejected: No floor plan.", "No floor plan.")]
    [InlineData("appeal-upheld: Inspection report accepted.", "Inspection report accepted.")]
    [InlineData("invoice-paid", null)]
    [InlineData("information-requested: a question", null)] // shown with the questions instead
    [InlineData("regulator-approved", null)]
    [InlineData("company-dissolved: by its owner", null)]
    public void What_a_person_wrote_with_a_step_is_shown_with_it(string cause, string? note)
    {
        Formats.HistoryNote(new HistoryItemDto("Rejected", DateTimeOffset.UtcNow, cause)).Should().Be(note);
    }

    private static ApplicationDto Application(string status, params (string Status, DateTimeOffset At)[] history) =>
        new(Guid.NewGuid(), "RC-1", "ALCOHOL-RETAIL", status, 4000, "TMT", DateTimeOffset.UtcNow.AddDays(-40), "RF1", null,
            [.. history.Select(h => new HistoryItemDto(h.Status, h.At, h.Status))]);
}
