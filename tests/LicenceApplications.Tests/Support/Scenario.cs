using System.Text.Json;
using CompanyRegistry.Contracts;
using FeePayments.Contracts;
using G2B.IntegrationEvents;

namespace LicenceApplications.Tests.Support;

/// <summary>Steps the tests share: deliver events as the sidecar would, read the outbox, submit and pay applications.</summary>
public static class Scenario
{
    private static int _counter;

    public static string NewRegistrationNumber() => $"RN{Interlocked.Increment(ref _counter):D4}{Random.Shared.Next(100000, 999999)}";

    /// <summary>POSTs the event as a CloudEvent to its subscription route, exactly as the sidecar delivers it; it must be accepted.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync<TEvent>(this LicenceApplicationsApp app, TEvent evt)
        where TEvent : IntegrationEvent, ITopicEvent
    {
        using var client = app.CreateClient();
        var response = await client.DeliverAsync(evt);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }

    public static async Task<string> RegisterCompanyAsync(
        this LicenceApplicationsApp app, string owner, string[]? activityCodes = null, string status = "Active")
    {
        var number = NewRegistrationNumber();
        activityCodes ??= ["47.11", "47.73", "56.10", "41.20"];
        // The registry is asked at submission and issue; the event fills the local view as in production.
        app.RegistryKnows(number, owner, activityCodes, status, version: status == "Active" ? 1 : 2);
        await app.DeliverAsync(new CompanyRegisteredIntegrationEvent(
            number, $"Company {number} LLC", "LLC", owner, activityCodes, status, DateTimeOffset.UtcNow));
        return number;
    }

    public static Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, string registrationNumber, string licenceType, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
        {
            Content = JsonContent.Create(new { registrationNumber, licenceType }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> SubmitOkAsync(this HttpClient client, string registrationNumber, string licenceType)
    {
        var response = await client.SubmitAsync(registrationNumber, licenceType);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Submits and returns the new application's id; fails the test unless the answer is 201.</summary>
    public static async Task<Guid> SubmitIdAsync(this HttpClient client, string registrationNumber, string licenceType) =>
        (await client.SubmitOkAsync(registrationNumber, licenceType)).GetProperty("applicationId").GetGuid();

    /// <summary>A new active company of <paramref name="owner"/>, and a client signed in as them.</summary>
    public static async Task<(string Company, HttpClient Owner)> OwnCompanyAsync(this LicenceApplicationsApp app, string owner) =>
        (await app.RegisterCompanyAsync(owner), app.Business(owner));

    /// <summary>A new company of <paramref name="owner"/> with one submitted (unpaid) application.</summary>
    public static async Task<(string Company, Guid Id, HttpClient Owner)> ApplyAsync(
        this LicenceApplicationsApp app, string owner, string licenceType)
    {
        var (company, client) = await app.OwnCompanyAsync(owner);
        return (company, await client.SubmitIdAsync(company, licenceType), client);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>A reference unique to the application, as fee payments would assign.</summary>
    public static string ReferenceFor(Guid applicationId) => $"RF{applicationId:N}"[..23].ToUpperInvariant();

    public static async Task<JsonElement> PayAsync(this LicenceApplicationsApp app, Guid applicationId, string? reference = null)
    {
        reference ??= ReferenceFor(applicationId);
        await app.DeliverAsync(new InvoicePaidIntegrationEvent(
            applicationId, reference, 500.00m, "TMT", "DEMOBANK", $"TX-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
        return await app.Regulator().GetJsonAsync($"/api/applications/{applicationId}");
    }

    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        JsonDocument.Parse(body).RootElement.GetProperty("type").GetString().Should().Be($"https://g2b.example/problems/{slug}");
    }
}
