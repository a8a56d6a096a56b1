using System.Globalization;
using System.Text.Json;
using Notifications.Api.Feed;

namespace Notifications.Api.Email;

/// <summary>
/// Which feed items become mails to the company, and with which values. Called where the webhook
/// fan-out is (the inbox transaction, or when an invoice's company is learnt late).
/// </summary>
internal sealed class EmailFanOut(EmailQueue queue)
{
    /// <summary>True if a mail was queued.</summary>
    public Task<bool> QueueAsync(FeedItem item, CancellationToken ct)
    {
        // Most events never become a mail: those are known by their type, before their JSON is read.
        if (item.RegistrationNumber is not { } company || !MayMail(item.Type))
        {
            return Task.FromResult(false);
        }

        using var subject = JsonDocument.Parse(item.Subject);
        using var data = JsonDocument.Parse(item.Data);
        var values = new Dictionary<string, string> { ["registrationNumber"] = company };
        // A null field (no reason given) is left out: the template shows a dash, never the word "null".
        foreach (var property in subject.RootElement.EnumerateObject().Concat(data.RootElement.EnumerateObject())
                     .Where(p => p.Value.ValueKind != JsonValueKind.Null))
        {
            values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        var kind = Kind(item.Type, values.GetValueOrDefault("previousStatus"), values.GetValueOrDefault("status"));
        if (kind is null)
        {
            return Task.FromResult(false);
        }

        if (kind == "awaiting-payment")
        {
            values["reference"] = values.GetValueOrDefault("paymentReference") ?? "";
            values["amount"] = FormatAmount(data.RootElement);
            values["dueDate"] = FormatInstant(values.GetValueOrDefault("dueAt"));
        }

        return queue.ToCompanyAsync($"event:{item.EventId}", kind, kind, company, values, ct);
    }

    /// <summary>The types <see cref="Kind"/> can make a mail of (whatever their statuses).</summary>
    internal static bool MayMail(string type) =>
        type is FeedTypes.InvoiceIssued or FeedTypes.LicenceIssued or FeedTypes.LicenceStatusChanged or FeedTypes.ApplicationStatusChanged;

    /// <summary>The mail a feed item becomes, if any: one kind per event, never two.</summary>
    internal static string? Kind(string type, string? previousStatus, string? status) => (type, previousStatus, status) switch
    {
        (FeedTypes.InvoiceIssued, _, _) => "awaiting-payment",
        (FeedTypes.LicenceIssued, _, _) => "licence-issued",
        (FeedTypes.LicenceStatusChanged, _, "Suspended") => "licence-suspended",
        (FeedTypes.LicenceStatusChanged, _, "Revoked") => "licence-revoked",
        (FeedTypes.LicenceStatusChanged, _, "Surrendered") => "licence-surrendered",
        // Decided on appeal: that decision is the news, whichever way it went.
        (FeedTypes.ApplicationStatusChanged, "UnderAppeal", "Issued") => "appeal-issued",
        (FeedTypes.ApplicationStatusChanged, "UnderAppeal", "Rejected") => "appeal-rejected",
        (FeedTypes.ApplicationStatusChanged, _, "Rejected") => "application-rejected",
        (FeedTypes.ApplicationStatusChanged, _, "InformationRequested") => "information-requested",
        _ => null,
    };

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
