using System.Text.Json;
using CompanyRegistry.Contracts;
using LicenceApplications.Api.Licences;
using Microsoft.Extensions.DependencyInjection;

namespace LicenceApplications.Tests.Support;

/// <summary>Moving a licence through time: the clock, the expiry job, renewals and the holder company's status.</summary>
public static class LicenceSteps
{
    /// <summary>
    /// An issued licence: a submitted and paid application of <paramref name="owner"/> for a company of
    /// theirs (a new one unless <paramref name="company"/> names it).
    /// </summary>
    public static async Task<(string Company, string Licence, HttpClient Owner)> IssueLicenceAsync(
        this LicenceApplicationsApp app, string owner, string type = "RETAIL-TRADE", string? company = null)
    {
        company ??= await app.RegisterCompanyAsync(owner);
        var client = app.Business(owner);
        var paid = await app.PayAsync(await client.SubmitIdAsync(company, type));
        return (company, paid.GetProperty("licenceNumber").GetString()!, client);
    }

    public static async Task<string> LicenceStatusAsync(this LicenceApplicationsApp app, string licence) =>
        (await app.LicenceAsync(licence)).GetProperty("status").GetString()!;

    /// <summary>Moves the (shared, forward-only) clock to noon UTC of <paramref name="day"/>.</summary>
    public static void MoveClockTo(this LicenceApplicationsApp app, DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var by = target - app.Clock.GetUtcNow();
        by.Should().BeGreaterThanOrEqualTo(TimeSpan.Zero, "the clock only moves forward");
        app.Clock.Advance(by);
    }

    public static Task<int> RunExpiryAsync(this LicenceApplicationsApp app) =>
        app.Services.GetRequiredService<LicenceExpiryJob>().RunOnceAsync(CancellationToken.None);

    public static Task<JsonElement> LicenceAsync(this LicenceApplicationsApp app, string licence) =>
        app.Regulator().GetJsonAsync($"/api/licences/{licence}");

    public static async Task<DateOnly> ValidUntilAsync(this LicenceApplicationsApp app, string licence) =>
        DateOnly.Parse((await app.LicenceAsync(licence)).GetProperty("validUntil").GetString()!);

    public static Task<HttpResponseMessage> RenewAsync(this HttpClient client, string licence, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/licences/{licence}/renew");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<Guid> RenewOkAsync(this HttpClient client, string licence)
    {
        var response = await client.RenewAsync(licence);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("applicationId").GetGuid();
    }

    public static Task<HttpResponseMessage> PostReasonAsync(this HttpClient client, string path, string reason) =>
        client.PostAsJsonAsync(path, new { reason });

    /// <summary>The registry's company moves to <paramref name="status"/> and its event arrives.</summary>
    public static Task CompanyStatusAsync(
        this LicenceApplicationsApp app, string company, string previous, string status, long version, string? reason = null)
    {
        app.RegistryStatusIs(company, status, version);
        return app.DeliverAsync(new CompanyStatusChangedIntegrationEvent(company, previous, status, reason, version, DateTimeOffset.UtcNow));
    }
}
