using G2B.ServiceDefaults;
using LicenceApplications.Api.Domain;

namespace LicenceApplications.Tests;

public sealed class DomainTests
{
    private static readonly DateTimeOffset _now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A licence of <paramref name="type"/> issued now for a paid application of an active company doing <paramref name="activityCode"/>.</summary>
    private static Licence Issued(LicenceType type, string activityCode, string licenceNumber)
    {
        var company = Company.FromRegistration("R1", "Acme", "owner", [activityCode], Company.Active, _now);
        var application = LicenceApplication.Submit(company, type, "owner", _now);
        application.RecordPayment("RF00", type, companyActive: true, _now);
        return Licence.Issue(licenceNumber, application, type, _now);
    }

    [Fact]
    public void Company_view_applies_only_newer_status_changes()
    {
        var company = Company.FromRegistration("R1", "Acme", "owner", ["47.11"], Company.Active, _now);

        company.TryApplyStatus(Company.Suspended, 3, _now).Should().BeTrue();
        company.TryApplyStatus(Company.Active, 2, _now).Should().BeFalse();
        company.TryApplyStatus(Company.Active, 3, _now).Should().BeFalse();

        company.Status.Should().Be(Company.Suspended);
    }

    [Fact]
    public void Late_registration_does_not_overwrite_a_status_seen_earlier()
    {
        var company = Company.FromStatusChange("R1", Company.Dissolved, 4, _now);

        company.ApplyRegistration("Acme", "owner", ["47.11"], Company.Active, _now);

        company.Status.Should().Be(Company.Dissolved);
        company.IsKnown.Should().BeTrue();
    }

    [Fact]
    public void Licence_is_valid_for_the_type_months_inclusive_and_expires_the_day_after()
    {
        var licence = Issued(new LicenceType { Code = "RETAIL-TRADE", Fee = 500m, ValidityMonths = 12 }, "47.11", "RETAIL-TRADE-2026-000001");

        licence.ValidFrom.Should().Be(new DateOnly(2026, 3, 15));
        licence.ValidUntil.Should().Be(new DateOnly(2027, 3, 14));
        licence.IsPastValidity(new DateTimeOffset(2027, 3, 14, 23, 59, 0, TimeSpan.Zero)).Should().BeFalse();
        licence.IsPastValidity(new DateTimeOffset(2027, 3, 15, 0, 0, 0, TimeSpan.Zero)).Should().BeTrue();
    }

    [Fact]
    public void Licence_transitions_are_guarded_and_count_versions()
    {
        var licence = Issued(new LicenceType { Code = "PHARMACY", Fee = 1m, ValidityMonths = 1 }, "47.73", "PHARMACY-2026-000001");

        licence.Suspend(Licence.RegulatorCause, "inspection", _now).Should().Be(LicenceStatus.Active);
        var suspendAgain = () => licence.Suspend(Licence.RegulatorCause, "again", _now);
        suspendAgain.Should().Throw<InvalidStateException>();
        licence.Revoke("fraud", _now);
        var reinstate = () => licence.Reinstate("no", _now);
        reinstate.Should().Throw<InvalidStateException>();
        var expire = () => licence.Expire(_now);
        expire.Should().Throw<InvalidStateException>();

        licence.Version.Should().Be(3);
        licence.SuspensionCause.Should().BeNull();
    }

    [Fact]
    public void Decision_is_only_possible_under_review()
    {
        var type = new LicenceType { Code = "PHARMACY", Fee = 1m, ValidityMonths = 1, RequiresReview = true };
        var company = Company.FromRegistration("R1", "Acme", "owner", ["47.73"], Company.Active, _now);
        var application = LicenceApplication.Submit(company, type, "owner", _now);

        var early = () => application.Decide(approve: true, "ok", "regulator-1", _now);
        early.Should().Throw<InvalidStateException>();

        application.RecordPayment("RF00", type, companyActive: true, _now).Should().Be(PaymentOutcome.SentToReview);
        application.Decide(approve: false, "missing documents", "regulator-1", _now);
        application.Status.Should().Be(ApplicationStatus.Rejected);
        application.History.Select(h => h.Status).Should().Equal(
            ApplicationStatus.AwaitingPayment, ApplicationStatus.UnderReview, ApplicationStatus.Rejected);
    }
}
