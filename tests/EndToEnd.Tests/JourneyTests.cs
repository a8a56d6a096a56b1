using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using G2B.Testing.Suite;

namespace EndToEnd.Tests;

public sealed class JourneyTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    [Fact]
    public async Task A_business_registers_applies_pays_at_its_bank_and_gets_a_verifiable_licence()
    {
        var result = await Suite.Journey().RunAsync();

        result.LicenceNumber.Should().NotBeNullOrWhiteSpace();
        result.PaymentReference.Should().StartWith("RF");
        var verification = await Suite.Api.VerifyAsync(result.LicenceNumber);
        verification.Status.Should().Be("Active");
        verification.LicenceNumber.Should().Be(result.LicenceNumber);
    }

    [Fact]
    public async Task The_journey_waits_on_the_event_stream_by_default_and_by_polling_when_told_and_the_GET_has_the_last_word()
    {
        var streamed = new WaitTally();
        // Patience as long as the step, and the journey goes on only once its stream is open: on a loaded
        // machine opening can take longer than the default 10 s, and an event published before the stream
        // opened is not on it (a first open starts with what arrives next). On the real Suite the stream
        // itself must then answer both waits.
        var onStream = await new LicenceJourney(Suite.Api, Suite.Bank)
        {
            Waits = streamed,
            StreamWait = new StreamWaitOptions { Patience = Eventually.DefaultTimeout, OpenTimeout = Eventually.DefaultTimeout },
        }.RunAsync();

        (streamed.AnsweredByStream, streamed.FellBack, streamed.Polled).Should().Be((2, 0, 0),
            "invoice.issued and licence.issued reached the business's stream through the gateway");
        var token = await Suite.Api.TokenAsync(onStream.Subject, "business");
        var application = await Suite.Api.GetApplicationAsync(token, onStream.ApplicationId);
        application.Status.Should().Be("Issued");
        application.LicenceNumber.Should().Be(onStream.LicenceNumber);

        var polled = new WaitTally();
        var byPolling = await new LicenceJourney(Suite.Api, Suite.Bank) { Wait = WaitMode.Poll, Waits = polled }.RunAsync();
        (polled.Polled, polled.AnsweredByStream, polled.FellBack).Should().Be((2, 0, 0));
        byPolling.LicenceNumber.Should().NotBe(onStream.LicenceNumber);
    }

    [Fact]
    public async Task The_review_path_issues_an_approved_application_and_rejects_another()
    {
        var token = await Scenario.BusinessAsync();
        var company = await Scenario.RegisterAsync(token, "47.73");
        var type = await Scenario.TypeAsync(requiresReview: true, "47.73");
        var approved = await Scenario.ApplyAndAwaitInvoiceAsync(token, company, type);
        (await Scenario.PayAsync(approved)).Status.Should().Be("accepted");
        await Scenario.AwaitStatusAsync(token, approved.ApplicationId, "UnderReview");
        var regulator = await Scenario.RegulatorAsync();
        (await Scenario.StatusOfAsync(HttpMethod.Post, $"/api/applications/{approved.ApplicationId}/decision", regulator, new { approve = true }))
            .Should().Be(HttpStatusCode.Conflict, "the type's required documents are not there yet");
        await Suite.Api.UploadRequiredDocumentsAsync(token, approved.ApplicationId, type.Code);

        var decided = await Suite.Api.DecideAsync(regulator, approved.ApplicationId, approve: true, "Premises inspected");
        decided.Status.Should().Be("Issued");
        decided.LicenceNumber.Should().NotBeNull();
        await Scenario.AwaitVerificationAsync(decided.LicenceNumber!, "Active");

        // The same company applies for another reviewed type, or the same type again once the first is settled.
        var second = await Scenario.ApplyAndAwaitInvoiceAsync(token, company, type);
        (await Scenario.PayAsync(second)).Status.Should().Be("accepted");
        await Scenario.AwaitStatusAsync(token, second.ApplicationId, "UnderReview");
        var rejected = await Suite.Api.DecideAsync(regulator, second.ApplicationId, approve: false, "Duplicate premises");
        rejected.Status.Should().Be("Rejected");
        rejected.LicenceNumber.Should().BeNull();

        var again = await Scenario.StatusOfAsync(
            HttpMethod.Post, $"/api/applications/{second.ApplicationId}/decision", regulator, new { approve = true, reason = "changed mind" });
        again.Should().Be(System.Net.HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Suspending_the_company_suspends_its_licences_and_reinstating_restores_them_dissolving_revokes()
    {
        var (token, company, application) = await Scenario.IssuedLicenceAsync();
        var licence = application.LicenceNumber!;
        await Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Active");
        var regulator = await Scenario.RegulatorAsync();

        var suspended = await Suite.Api.CompanyActionAsync(regulator, company.RegistrationNumber, "suspend", "Unpaid taxes");
        suspended.Status.Should().Be("Suspended");
        await Scenario.AwaitVerificationAsync(licence, "Suspended");
        await Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Suspended");

        var reinstated = await Suite.Api.CompanyActionAsync(regulator, company.RegistrationNumber, "reinstate", "Taxes paid");
        reinstated.Status.Should().Be("Active");
        await Scenario.AwaitVerificationAsync(licence, "Active");
        await Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Active");

        var dissolved = await Suite.Api.CompanyActionAsync(token, company.RegistrationNumber, "dissolve", "Closing down");
        dissolved.Status.Should().Be("Dissolved");
        await Scenario.AwaitVerificationAsync(licence, "Revoked");
        await Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Revoked");
    }

    [Fact]
    public async Task A_fresh_licence_is_not_yet_renewable_and_its_surrender_reaches_the_registry()
    {
        var (token, company, application) = await Scenario.IssuedLicenceAsync();
        var licence = application.LicenceNumber!;
        await Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Active");

        using (var renew = await Suite.Api.SendRawAsync(HttpMethod.Post, $"/api/licences/{licence}/renew", token, null))
        {
            renew.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await renew.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString()
                .Should().Be("https://g2b.example/problems/renewal-not-open");
        }

        using (var surrender = await Suite.Api.SendRawAsync(HttpMethod.Post, $"/api/licences/{licence}/surrender", token, new { reason = "Closing down" }))
        {
            surrender.StatusCode.Should().Be(HttpStatusCode.OK, await surrender.Content.ReadAsStringAsync());
        }

        await Scenario.AwaitVerificationAsync(licence, "Surrendered");
        await Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, licence, "Surrendered");
    }
}
