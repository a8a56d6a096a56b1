using System.Text.Json;
using Microsoft.AspNetCore.Http;
using WireMock.Logging;

namespace Notifications.Tests.Support;

public sealed record CreatedWebhookDto(Guid Id, string Url, List<string> EventTypes, string? Description, string Secret);

public sealed record AttemptDto(DateTimeOffset AttemptedAt, int? StatusCode, int DurationMs, string? Error);

public sealed record DeliveryDto(Guid Id, string WebhookId, string EventType, string Status, int AttemptCount, List<AttemptDto> Attempts);

public sealed record DeliveryListDto(List<DeliveryDto> Items);

/// <summary>Webhook calls through the API, and reading what a WireMock receiver got.</summary>
public static class Webhooks
{
    public static async Task<CreatedWebhookDto> CreateAsync(HttpClient client, string url, params string[] eventTypes)
    {
        using var response = await client.PostAsJsonAsync("/api/webhooks", new { url, eventTypes, description = "test receiver" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedWebhookDto>(Scenario.Json))!;
    }

    public static async Task<List<DeliveryDto>> DeliveriesAsync(HttpClient client, Guid webhookId) =>
        (await client.GetFromJsonAsync<DeliveryListDto>($"/api/webhooks/{webhookId}/deliveries", Scenario.Json))!.Items;

    /// <summary>Headers of a received request, as a Standard Webhooks library takes them.</summary>
    public static IHeaderDictionary Headers(ILogEntry entry)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, values) in entry.RequestMessage.Headers!)
        {
            headers[name] = values.ToArray();
        }

        return headers;
    }

    public static string Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.Single();

    public static string EventType(ILogEntry entry) =>
        JsonDocument.Parse(entry.RequestMessage.Body!).RootElement.GetProperty("type").GetString()!;
}
