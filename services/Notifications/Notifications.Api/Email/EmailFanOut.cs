using System.Globalization;
using System.Text.Json;
using Notifications.Api.Domain;
using Notifications.Api.Feed;

namespace Notifications.Api.Email;

/// <summary>
/// Which feed items become mails to the company, and with which values. Called where the webhook
/// fan-out is (the inbox transaction, or when an invoice's company is learnt late).
/// </summary>
internal sealed class EmailFanOut(EmailQueue queue)
{
    public Task QueueAsync(FeedItem item, CancellationToken ct)
    {
        if (item.RegistrationNumber is not { } company)
        {
            return Task.CompletedTask;
        }

        using var subject = JsonDocument.Parse(item.Subject);
        using var data = JsonDocument.Parse(item.Data);
        var values = new Dictionary<string, string> { ["registrationNumber"] = company };
        foreach (var property in subject.RootElement.EnumerateObject().Concat(data.RootElement.EnumerateObject()))
        {
            values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        var kind = item.Type switch
        {
            FeedTypes.InvoiceIssued => "awaiting-payment",
            FeedTypes.LicenceIssued => "licence-issued",
            FeedTypes.LicenceStatusChanged when values.GetValueOrDefault("status") == "Suspended" => "licence-suspended",
            FeedTypes.LicenceStatusChanged when values.GetValueOrDefault("status") == "Revoked" => "licence-revoked",
            _ => null,
        };
        if (kind is null)
        {
            return Task.CompletedTask;
        }

        if (kind == "awaiting-payment")
        {
            values["reference"] = values.GetValueOrDefault("paymentReference") ?? "";
            values["amount"] = FormatAmount(data.RootElement);
            values["dueDate"] = FormatInstant(values.GetValueOrDefault("dueAt"));
        }

        return queue.ToCompanyAsync($"event:{item.EventId}", kind, kind, company, values, ct);
    }

    // Numbers and dates are written the same way in every language: unambiguous, and what the bank shows.
    private static string FormatAmount(JsonElement data) =>
        data.TryGetProperty("amount", out var amount) && amount.TryGetDecimal(out var value)
            ? $"{value.ToString("0.00", CultureInfo.InvariantCulture)} {(data.TryGetProperty("currency", out var c) ? c.GetString() : "")}".TrimEnd()
            : "";

    internal static string FormatInstant(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : iso ?? "";
}
