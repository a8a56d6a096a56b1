using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace G2B.Eventing;

/// <summary>Receives what Dapr gave up on for one of this service's subscriptions: logged at Error, counted, acknowledged.</summary>
internal static class DeadLetterEndpoint
{
    private const int MaxLoggedBody = 4000;

    public static async Task<Ok<DaprDeliveryStatus>> HandleAsync(
        string originalTopic, HttpContext http, EventingMetrics metrics, ILogger logger, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(ct);
        metrics.DeadLetter(originalTopic);
        logger.LogError(
            "Dead letter on {Topic}: event {EventId} could not be delivered to this service and needs attention. Body: {Body}",
            originalTopic, TryReadId(body) ?? "(unknown)", body.Length <= MaxLoggedBody ? body : body[..MaxLoggedBody]);

        // Acknowledged: the dead-letter topic is the end of the line, a retry loop here helps nobody.
        return TypedResults.Ok(DaprDeliveryStatus.Success);
    }

    private static string? TryReadId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id)
                ? id.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
