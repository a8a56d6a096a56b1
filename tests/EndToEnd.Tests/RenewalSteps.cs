using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EndToEnd.Tests;

// Contract fields the journey's models (tools/G2B.Journey) leave out: a renewal's link, a licence's history, the feed.

public sealed record LicenceHistoryLine(string Status, DateTimeOffset At, string Cause, DateOnly ValidUntil, Guid? ApplicationId);

public sealed record LicenceWithHistory(
    string LicenceNumber, string LicenceType, string Status, DateOnly ValidFrom, DateOnly ValidUntil, IReadOnlyList<LicenceHistoryLine> History);

public sealed record RenewalApplication(Guid ApplicationId, string LicenceType, string Status, decimal Fee, string? RenewalOf, string? LicenceNumber);

public sealed record FeedItem(string Id, string Type, string RegistrationNumber, JsonElement Subject, JsonElement Data);

public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string? NextCursor);

/// <summary>The renewal tests' steps, through the gateway as a business takes them, with the bank paying by its signed callback.</summary>
public sealed class RenewalSteps(EndToEndSuite suite)
{
    public Scenario Scenario { get; } = new(suite);

    private SuiteApi Api => suite.Api;

    /// <summary>A new business whose company trades in the renewable type's activity, holding an Active licence of that type.</summary>
    public async Task<(string Token, Company Company, string Licence)> IssuedRenewableAsync()
    {
        var token = await Scenario.BusinessAsync();
        var company = await Scenario.RegisterAsync(token, EndToEndSuite.RenewableActivity);
        var type = (await Api.LicenceTypesAsync()).Single(t => t.Code == EndToEndSuite.RenewableType);
        var application = await Scenario.ApplyAndAwaitInvoiceAsync(token, company, type);
        (await Scenario.PayAsync(application)).Status.Should().Be("accepted");
        var issued = await Scenario.AwaitStatusAsync(token, application.ApplicationId, "Issued");
        return (token, company, issued.LicenceNumber!);
    }

    public Task<HttpResponseMessage> RenewAsync(string token, string licence, string idempotencyKey) =>
        Api.SendRawAsync(HttpMethod.Post, $"/api/licences/{licence}/renew", token, null, header: ("Idempotency-Key", idempotencyKey));

    public static async Task<RenewalApplication> CreatedRenewalAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RenewalApplication>(SuiteApi.Json))!;
    }

    /// <summary>Asks for a renewal and has the bank pay its invoice; returns the renewal application's id once it is Issued.</summary>
    public async Task<Guid> RenewAndPayAsync(string token, string licence)
    {
        using var response = await RenewAsync(token, licence, Guid.NewGuid().ToString());
        var renewal = await CreatedRenewalAsync(response);
        await PayAsync(token, renewal.ApplicationId);
        return renewal.ApplicationId;
    }

    public async Task PayAsync(string token, Guid renewalId)
    {
        var invoiced = await Eventually.UntilAsync(
            ct => Api.GetApplicationAsync(token, renewalId, ct), a => a.PaymentReference is not null, "the renewal's payment reference");
        (await Scenario.PayAsync(invoiced)).Status.Should().Be("accepted");
        await Scenario.AwaitStatusAsync(token, renewalId, "Issued");
    }

    public Task<LicenceWithHistory> LicenceAsync(string token, string licence) =>
        GetAsync<LicenceWithHistory>(token, $"/api/licences/{licence}");

    /// <summary>The owner's <c>licence.renewed</c> feed items of <paramref name="licence"/>, once at least one has arrived.</summary>
    public async Task<List<FeedItem>> RenewedEventsAsync(string token, string licence)
    {
        var page = await Eventually.UntilAsync(
            _ => GetAsync<FeedPage>(token, "/api/events?types=licence.renewed&limit=200"),
            p => p.Items.Any(i => Is(i, licence)), $"licence.renewed for {licence} in the owner's feed");
        return page.Items.Where(i => Is(i, licence)).ToList();

        static bool Is(FeedItem item, string licence) => item.Subject.GetProperty("licenceNumber").GetString() == licence;
    }

    /// <summary>The payload of the licence's verifiable credential (a compact JWS, docs/verification.md).</summary>
    public async Task<JsonElement> CredentialClaimsAsync(string token, string licence)
    {
        using var response = await Api.SendRawAsync(HttpMethod.Get, $"/api/licences/{licence}/credential", token, null);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/vc+jwt");
        var parts = body.Split('.');
        parts.Should().HaveCount(3, "a compact JWS");
        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        return payload.RootElement.Clone();
    }

    public static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("type").GetString().Should().Be($"https://g2b.example/problems/{slug}");
    }

    private async Task<T> GetAsync<T>(string token, string path)
    {
        using var response = await Api.SendRawAsync(HttpMethod.Get, path, token, null);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(SuiteApi.Json))!;
    }
}
