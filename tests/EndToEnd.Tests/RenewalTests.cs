using System.Net;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// Renewal across the whole suite, on the configured type <see cref="EndToEndSuite.RenewableType"/>
/// (a 400-day window on 12-month licences), asserted through the public API only.
/// </summary>
public sealed class RenewalTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    private readonly RenewalSteps _steps = new(suite);

    [Fact]
    public async Task The_configured_type_is_in_the_catalogue_with_a_window_wider_than_its_validity()
    {
        using var response = await Suite.Api.SendRawAsync(HttpMethod.Get, "/api/licence-types", null, null);
        var types = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement;

        var renewable = types.EnumerateArray().Single(t => t.GetProperty("code").GetString() == EndToEndSuite.RenewableType);
        renewable.GetProperty("validityMonths").GetInt32().Should().Be(EndToEndSuite.RenewableValidityMonths);
        renewable.GetProperty("renewalWindowDays").GetInt32().Should().Be(EndToEndSuite.RenewableWindowDays);
        renewable.GetProperty("requiresReview").GetBoolean().Should().BeFalse();
        renewable.GetProperty("eligibleActivityCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal(EndToEndSuite.RenewableActivity);
        types.EnumerateArray().Select(t => t.GetProperty("code").GetString()).Should().Contain(["RETAIL-TRADE", "PHARMACY"], "the shipped types stay");
    }

    [Fact]
    public async Task A_paid_renewal_moves_the_same_licence_on_from_its_old_end_date_and_every_view_follows()
    {
        var (token, company, licence) = await _steps.IssuedRenewableAsync();
        var issued = await _steps.LicenceAsync(token, licence);
        issued.Status.Should().Be("Active");
        var oldUntil = issued.ValidUntil;
        await _steps.Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Active");

        // The same key twice is one renewal; another request while it is open is refused.
        var key = Guid.NewGuid().ToString();
        RenewalApplication renewal;
        string? location;
        using (var first = await _steps.RenewAsync(token, licence, key))
        {
            renewal = await RenewalSteps.CreatedRenewalAsync(first);
            location = first.Headers.Location?.ToString();
        }

        (renewal.RenewalOf, renewal.LicenceType, renewal.Status, renewal.Fee).Should().Be((licence, EndToEndSuite.RenewableType, "AwaitingPayment", 120.00m));
        location.Should().EndWith($"/api/applications/{renewal.ApplicationId}");
        using (var repeated = await _steps.RenewAsync(token, licence, key))
        {
            var replayed = await RenewalSteps.CreatedRenewalAsync(repeated);
            replayed.ApplicationId.Should().Be(renewal.ApplicationId);
            repeated.Headers.Location?.ToString().Should().Be(location);
        }

        using (var second = await _steps.RenewAsync(token, licence, Guid.NewGuid().ToString()))
        {
            await RenewalSteps.ShouldBeProblemAsync(second, HttpStatusCode.Conflict, "duplicate-application");
        }

        await _steps.PayAsync(token, renewal.ApplicationId);

        // From the old end date (the new period starts the day after it ends), not from today: a licence issued today
        // renewed from the payment date would end where it already ends.
        var newUntil = oldUntil.AddDays(1).AddMonths(EndToEndSuite.RenewableValidityMonths).AddDays(-1);
        var renewed = await _steps.LicenceAsync(token, licence);
        (renewed.LicenceNumber, renewed.Status, renewed.ValidFrom, renewed.ValidUntil).Should().Be((licence, "Active", issued.ValidFrom, newUntil));
        renewed.History.Select(h => (h.Cause, h.Status, h.ValidUntil, h.ApplicationId)).Should().Equal(
            ("issued", "Active", oldUntil, issued.History.Single().ApplicationId),
            ("renewed", "Active", newUntil, (Guid?)renewal.ApplicationId));
        (await Suite.Api.GetApplicationAsync(token, renewal.ApplicationId)).LicenceNumber.Should().Be(licence, "a renewal grants no new licence");

        var events = await _steps.RenewedEventsAsync(token, licence);
        var renewedEvent = events.Should().ContainSingle().Subject;
        renewedEvent.RegistrationNumber.Should().Be(company.RegistrationNumber);
        renewedEvent.Subject.GetProperty("applicationId").GetGuid().Should().Be(renewal.ApplicationId);
        renewedEvent.Data.GetProperty("previousValidUntil").GetString().Should().Be($"{oldUntil:yyyy-MM-dd}");
        renewedEvent.Data.GetProperty("validUntil").GetString().Should().Be($"{newUntil:yyyy-MM-dd}");

        var credential = await _steps.CredentialClaimsAsync(token, licence);
        credential.GetProperty("credentialSubject").GetProperty("licenceNumber").GetString().Should().Be(licence);
        credential.GetProperty("credentialSubject").GetProperty("validUntil").GetString().Should().Be($"{newUntil:yyyy-MM-dd}");
        credential.GetProperty("validUntil").GetString().Should().StartWith($"{newUntil:yyyy-MM-dd}T");

        await Eventually.UntilAsync(
            ct => Suite.Api.GetCompanyAsync(token, company.RegistrationNumber, ct),
            c => c.Licences.Any(l => l.LicenceNumber == licence && l.Status == "Active" && l.ValidUntil == newUntil),
            $"the registry to show {licence} valid until {newUntil}");
        (await Suite.Api.VerifyAsync(licence)).ValidUntil.Should().Be(newUntil);
    }

    [Fact]
    public async Task A_renewed_licence_can_be_surrendered_and_a_surrendered_one_is_not_renewed()
    {
        var (token, company, licence) = await _steps.IssuedRenewableAsync();
        await _steps.RenewAndPayAsync(token, licence);
        var renewedUntil = (await _steps.LicenceAsync(token, licence)).ValidUntil;

        using (var surrender = await Suite.Api.SendRawAsync(
                   HttpMethod.Post, $"/api/licences/{licence}/surrender", token, new { reason = "Closing the kiosk" }))
        {
            surrender.StatusCode.Should().Be(HttpStatusCode.OK, await surrender.Content.ReadAsStringAsync());
        }

        var surrendered = await _steps.LicenceAsync(token, licence);
        (surrendered.Status, surrendered.ValidUntil).Should().Be(("Surrendered", renewedUntil));
        surrendered.History.Select(h => h.Cause).Should().Equal("issued", "renewed", "Closing the kiosk");

        using (var renew = await _steps.RenewAsync(token, licence, Guid.NewGuid().ToString()))
        {
            await RenewalSteps.ShouldBeProblemAsync(renew, HttpStatusCode.Conflict, "invalid-state");
        }

        await _steps.Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Surrendered");
        await _steps.Scenario.AwaitVerificationAsync(licence, "Surrendered");
    }

    [Fact]
    public async Task Surrender_cancels_an_open_renewal_and_the_bank_cannot_pay_its_invoice_any_more()
    {
        var (token, _, licence) = await _steps.IssuedRenewableAsync();
        RenewalApplication renewal;
        using (var response = await _steps.RenewAsync(token, licence, Guid.NewGuid().ToString()))
        {
            renewal = await RenewalSteps.CreatedRenewalAsync(response);
        }

        var invoiced = await Eventually.UntilAsync(
            ct => Suite.Api.GetApplicationAsync(token, renewal.ApplicationId, ct), a => a.PaymentReference is not null, "the renewal's invoice");
        using (var surrender = await Suite.Api.SendRawAsync(
                   HttpMethod.Post, $"/api/licences/{licence}/surrender", token, new { reason = "Closing down" }))
        {
            surrender.StatusCode.Should().Be(HttpStatusCode.OK, await surrender.Content.ReadAsStringAsync());
        }

        await _steps.Scenario.AwaitStatusAsync(token, renewal.ApplicationId, "Cancelled");
        await Eventually.UntilAsync(
            ct => Suite.Api.GetInvoiceAsync(token, invoiced.PaymentReference!, ct), i => i.Status == "Expired", "the renewal's invoice to expire");
        var answer = await _steps.Scenario.PayAsync(invoiced);
        (answer.HttpStatus, answer.Type).Should().Be((422, "invoice-expired"));
        (await _steps.LicenceAsync(token, licence)).History.Select(h => h.Cause).Should().NotContain("renewed");
    }
}
