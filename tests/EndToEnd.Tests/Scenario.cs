using System.Net;
using System.Security.Cryptography;

namespace EndToEnd.Tests;

/// <summary>Steps the end-to-end tests share, each through the gateway as a caller would take it.</summary>
public sealed class Scenario(SuiteFixture suite)
{
    public SuiteApi Api => suite.Api;

    public Task<string> BusinessAsync() => Api.TokenAsync($"business-{Guid.NewGuid():N}"[..21], "business");

    public Task<string> RegulatorAsync() => Api.TokenAsync($"regulator-{Guid.NewGuid():N}"[..22], "regulator");

    public async Task<Company> RegisterAsync(string token, params string[] activityCodes) =>
        await Api.RegisterCompanyAsync(token, LicenceJourney.NewCompany(activityCodes));

    public async Task<LicenceType> TypeAsync(bool requiresReview, string activityCode)
    {
        var types = await Api.LicenceTypesAsync();
        return types.First(t => t.RequiresReview == requiresReview && t.EligibleActivityCodes.Contains(activityCode));
    }

    /// <summary>Applies and waits until the invoice's payment reference shows on the application.</summary>
    public async Task<Application> ApplyAndAwaitInvoiceAsync(string token, Company company, LicenceType type)
    {
        var application = await Api.ApplyAsync(token, company.RegistrationNumber, type.Code, Guid.NewGuid().ToString());
        application.Status.Should().Be("AwaitingPayment");
        return await Eventually.UntilAsync(
            ct => Api.GetApplicationAsync(token, application.ApplicationId, ct), a => a.PaymentReference is not null,
            "the payment reference on the application");
    }

    public Task<PaymentAnswer> PayAsync(Application application) => suite.Bank.ConfirmAsync(Confirmation(application));

    /// <summary>The bank's confirmation of the full fee; a bank's retry sends these same bytes again.</summary>
    public static PaymentConfirmation Confirmation(Application application) =>
        new(application.PaymentReference!, application.Fee, application.Currency, NewTransactionId(), DateTimeOffset.UtcNow);

    public Task<Application> AwaitStatusAsync(string token, Guid applicationId, string status, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            ct => Api.GetApplicationAsync(token, applicationId, ct), a => a.Status == status,
            $"application {applicationId} to be {status}", timeout);

    public Task<Company> AwaitCompanyLicenceAsync(string token, string registrationNumber, string licenceNumber, string status) =>
        Eventually.UntilAsync(
            ct => Api.GetCompanyAsync(token, registrationNumber, ct),
            c => c.Licences.Any(l => l.LicenceNumber == licenceNumber && l.Status == status),
            $"{registrationNumber} to list {licenceNumber} as {status}");

    public Task<LicenceVerification> AwaitVerificationAsync(string licenceNumber, string status) =>
        Eventually.UntilAsync(
            ct => Api.VerifyAsync(licenceNumber, ct), v => v.Status == status,
            $"verification of {licenceNumber} to show {status}");

    /// <summary>A new business with a new company and an unpaid application for a no-review licence.</summary>
    public async Task<(string Token, Company Company, Application Application)> AwaitingPaymentAsync(string activityCode = "47.11")
    {
        var token = await BusinessAsync();
        var company = await RegisterAsync(token, activityCode);
        var type = await TypeAsync(requiresReview: false, activityCode);
        return (token, company, await ApplyAndAwaitInvoiceAsync(token, company, type));
    }

    /// <summary>Registers a retail company and takes a no-review licence through payment to issue.</summary>
    public async Task<(string Token, Company Company, Application Application)> IssuedLicenceAsync()
    {
        var (token, company, application) = await AwaitingPaymentAsync();
        (await PayAsync(application)).Status.Should().Be("accepted");
        application = await AwaitStatusAsync(token, application.ApplicationId, "Issued");
        return (token, company, application);
    }

    public async Task<HttpStatusCode> StatusOfAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var response = await Api.SendRawAsync(method, path, token, body);
        return response.StatusCode;
    }

    public static string NewTransactionId() => $"TX-{RandomNumberGenerator.GetHexString(12)}";
}
