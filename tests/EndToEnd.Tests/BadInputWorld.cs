using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// Real targets for the hostile requests: a business owning an active company with an unpaid
/// application (so its invoice and payment reference exist, and it takes documents) and a second
/// company holding an active licence, and a regulator. Built once per suite run and shared by the
/// bad-input tests, which never change it (that is what they prove).
/// </summary>
public sealed record BadInputWorld(
    string Business, string Regulator, Company Company, Application Application, LicenceType Type, string LicenceNumber)
{
    // Well-formed identifiers that exist nowhere: the target of state-changing endpoints, so a
    // body the service happens to accept can still change nothing.
    public const string MissingRegistrationNumber = "RC-1999-999999999-Z";
    public static readonly Guid MissingApplicationId = Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    public const string MissingLicenceNumber = "NOPE-1999-000000";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (SuiteFixture Suite, BadInputWorld World)? _built;

    public static async Task<BadInputWorld> GetAsync(SuiteFixture suite)
    {
        await Gate.WaitAsync();
        try
        {
            if (_built is { } built && ReferenceEquals(built.Suite, suite))
            {
                return built.World;
            }

            var scenario = new Scenario(suite);
            var business = await scenario.BusinessAsync();
            var regulator = await scenario.RegulatorAsync();
            var company = await scenario.RegisterAsync(business, "47.11");
            var type = await scenario.TypeAsync(requiresReview: false, "47.11");
            var application = await scenario.ApplyAndAwaitInvoiceAsync(business, company, type);
            var holder = await scenario.RegisterAsync(business, "47.11");
            var paid = await scenario.ApplyAndAwaitInvoiceAsync(business, holder, type);
            (await scenario.PayAsync(paid)).Status.Should().Be("accepted");
            var issued = await scenario.AwaitStatusAsync(business, paid.ApplicationId, "Issued");
            var world = new BadInputWorld(business, regulator, company, application, type, issued.LicenceNumber!);
            _built = (suite, world);
            return world;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Nothing the hostile requests sent may have paid, cancelled, amended, surrendered or otherwise moved
    /// the world: no document kept, no renewal opened.
    /// </summary>
    public async Task ShouldBeUntouchedAsync(SuiteFixture suite)
    {
        var application = await suite.Api.GetApplicationAsync(Business, Application.ApplicationId);
        application.Status.Should().Be("AwaitingPayment");
        var invoice = await suite.Api.GetInvoiceAsync(Business, Application.PaymentReference!);
        invoice.Status.Should().Be("Open");
        invoice.BankTransactionId.Should().BeNull();
        var company = await suite.Api.GetCompanyAsync(Business, Company.RegistrationNumber);
        company.Status.Should().Be("Active");
        company.LegalName.Should().Be(Company.LegalName);
        company.ActivityCodes.Should().Equal(Company.ActivityCodes);
        var licence = await suite.Api.GetLicenceAsync(Business, LicenceNumber);
        licence.Status.Should().Be("Active");
        var documents = await suite.Api.Http.GetJsonAsync($"/api/applications/{Application.ApplicationId}/documents", Business);
        documents.GetArrayLength().Should().Be(0, "no hostile upload may leave a document behind");
        var applications = await suite.Api.Http.GetJsonAsync("/api/applications?limit=100", Business);
        applications.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("renewalOf").ValueKind)
            .Should().OnlyContain(kind => kind == JsonValueKind.Null, "no hostile request may open a renewal");
    }
}

internal static class JsonReads
{
    /// <summary>GETs <paramref name="path"/> as <paramref name="token"/>'s bearer and returns the 200's JSON.</summary>
    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "GET {0}: {1}", path, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
