namespace EndToEnd.Tests;

/// <summary>
/// Crashes in the middle of the journey: each must still end with exactly one invoice, one payment
/// and one licence per application.
/// </summary>
public sealed class FaultTests(EndToEndSuite suite) : EndToEndTest(suite)
{
    [Fact]
    public async Task Fee_payments_killed_between_the_bank_confirmation_and_the_licence_still_issues_it_once()
    {
        var (token, company, application) = await Scenario.AwaitingPaymentAsync();
        var confirmation = Scenario.Confirmation(application);

        (await Suite.Bank.ConfirmAsync(confirmation)).Status.Should().Be("accepted");
        // A crash; the runner's supervisor brings it back (the test must not start it itself).
        await Suite.Host.WaitUntilBackAsync("fee-payments", await Suite.Host.KillAsync("fee-payments"));

        // The bank did not hear back before the crash and retries: still acted on once.
        (await Suite.Bank.ConfirmAsync(confirmation)).Should().Be(new PaymentAnswer("duplicate", null, 200));
        await Scenario.AwaitStatusAsync(token, application.ApplicationId, "Issued");
        await SuiteDatabase.ShouldHaveExactlyOneOfEachAsync(Suite.Host, application.ApplicationId);
    }

    [Fact]
    public async Task A_sidecar_killed_while_events_are_in_flight_delivers_them_after_its_restart()
    {
        var (token, company, application) = await Scenario.AwaitingPaymentAsync();

        // invoice-paid leaves through the fee payments sidecar and arrives through licence applications'.
        // Both crash; the supervisor restarts each after its backoff.
        var applicationsBefore = await Suite.Host.KillAsync("licence-applications-dapr");
        (await Scenario.PayAsync(application)).Status.Should().Be("accepted");
        var paymentsBefore = await Suite.Host.KillAsync("fee-payments-dapr");
        await Suite.Host.WaitUntilBackAsync("fee-payments-dapr", paymentsBefore);
        await Suite.Host.WaitUntilBackAsync("licence-applications-dapr", applicationsBefore);

        var issued = await Scenario.AwaitStatusAsync(token, application.ApplicationId, "Issued", TimeSpan.FromMinutes(2));
        await Scenario.AwaitCompanyLicenceAsync(token, company.RegistrationNumber, issued.LicenceNumber!, "Active");
        await SuiteDatabase.ShouldHaveExactlyOneOfEachAsync(Suite.Host, application.ApplicationId);
    }

    [Fact]
    public async Task A_PostgreSQL_restart_mid_journey_does_not_lose_or_double_anything()
    {
        var (token, company, application) = await Scenario.AwaitingPaymentAsync();

        // SIGKILL of the postmaster; the supervisor starts it again (crash recovery included).
        await Suite.Host.WaitUntilBackAsync("postgres", await Suite.Host.KillAsync("postgres"));

        // Pooled connections died with the server: the first answers may fail, and the bank retries.
        var confirmation = Scenario.Confirmation(application);
        var answer = await Eventually.UntilAsync(
            _ => Suite.Bank.ConfirmAsync(confirmation),
            a => a.Status is "accepted" or "duplicate", "the bank's confirmation to be taken after the restart");
        answer.HttpStatus.Should().Be(200);

        await Scenario.AwaitStatusAsync(token, application.ApplicationId, "Issued", TimeSpan.FromMinutes(2));
        await SuiteDatabase.ShouldHaveExactlyOneOfEachAsync(Suite.Host, application.ApplicationId);
    }
}
