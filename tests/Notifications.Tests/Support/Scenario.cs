using System.Text.Json;
using CompanyRegistry.Contracts;
using FeePayments.Contracts;
using G2B.IntegrationEvents;
using LicenceApplications.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Notifications.Api.Data;

namespace Notifications.Tests.Support;

/// <summary>What tests do again and again: deliver events as the sidecar would, read the feed.</summary>
public sealed class Scenario(NotificationsApp app)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Delivers <paramref name="evt"/> as Dapr does: a CloudEvent POSTed to the topic route; it must be accepted.</summary>
    public async Task DeliverAsync<TEvent>(TEvent evt)
        where TEvent : IntegrationEvent, ITopicEvent
    {
        using var client = app.CreateClient();
        using var response = await client.DeliverAsync(evt);
        response.EnsureSuccessStatusCode();
    }

    public static CompanyRegisteredIntegrationEvent Registered(string registrationNumber, string owner) =>
        new(registrationNumber, $"Company {registrationNumber}", "LLC", owner, ["47.11"], "Active", DateTimeOffset.UtcNow);

    public static ApplicationSubmittedIntegrationEvent Submitted(string registrationNumber, string owner, Guid? applicationId = null) =>
        new(applicationId ?? Guid.NewGuid(), registrationNumber, $"Company {registrationNumber}", owner, "retail-trade", 150m, "TMT", DateTimeOffset.UtcNow);

    public static InvoiceIssuedIntegrationEvent InvoiceIssued(Guid applicationId) =>
        new(applicationId, "RF18G2B" + applicationId.ToString("N")[..8].ToUpperInvariant(), 150m, "TMT", DateTimeOffset.UtcNow.AddDays(14));

    public static CompanyStatusChangedIntegrationEvent Suspended(string registrationNumber) =>
        new(registrationNumber, "Active", "Suspended", "audit", 2, DateTimeOffset.UtcNow);

    /// <summary>A company of <paramref name="owner"/> with one application and its invoice: three feed items.</summary>
    public async Task<(string RegistrationNumber, Guid ApplicationId)> CompanyWithInvoiceAsync(string owner)
    {
        var registrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..8];
        var submitted = Submitted(registrationNumber, owner);
        await DeliverAsync(Registered(registrationNumber, owner));
        await DeliverAsync(submitted);
        await DeliverAsync(InvoiceIssued(submitted.ApplicationId));
        return (registrationNumber, submitted.ApplicationId);
    }

    public static async Task<FeedPageDto> FeedAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync("/api/events" + query);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FeedPageDto>(Json))!;
    }

    public async Task<T> QueryAsync<T>(Func<NotificationsDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>());
    }
}

public sealed record FeedItemDto(Guid Id, string Type, DateTimeOffset OccurredAt, string? RegistrationNumber, JsonElement Subject, JsonElement Data);

public sealed record FeedPageDto(List<FeedItemDto> Items, string NextCursor);
