namespace Notifications.Api.Feed;

/// <summary>
/// What a handler says about one event: its public type, the company it belongs to (or, for
/// invoices, the application to look it up by), the ids it is about and its public fields.
/// </summary>
public sealed record FeedEntry(
    string Type,
    string? RegistrationNumber,
    Guid? ApplicationId,
    IReadOnlyDictionary<string, object?> Subject,
    object Data);

/// <summary>The public event types of the feed, webhooks and stream (stable names, not topic names).</summary>
public static class FeedTypes
{
    public const string CompanyRegistered = "company.registered";
    public const string CompanyStatusChanged = "company.status-changed";
    public const string CompanyAmended = "company.amended";
    public const string ApplicationSubmitted = "application.submitted";
    public const string ApplicationCancelled = "application.cancelled";
    public const string ApplicationStatusChanged = "application.status-changed";
    public const string InvoiceIssued = "invoice.issued";
    public const string InvoicePaid = "invoice.paid";
    public const string InvoiceExpired = "invoice.expired";
    public const string LicenceIssued = "licence.issued";
    public const string LicenceStatusChanged = "licence.status-changed";
    public const string LicenceRenewed = "licence.renewed";

    /// <summary>Sent by <c>POST /api/webhooks/{id}/test</c> only; never in the feed.</summary>
    public const string Ping = "webhook.ping";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        CompanyRegistered, CompanyStatusChanged, CompanyAmended, ApplicationSubmitted, ApplicationCancelled, ApplicationStatusChanged,
        InvoiceIssued, InvoicePaid, InvoiceExpired, LicenceIssued, LicenceStatusChanged, LicenceRenewed,
    };

    /// <summary>Splits and checks a comma-separated <c>types</c> filter; unknown names are errors.</summary>
    public static bool TryParse(string? types, out IReadOnlyList<string> parsed, out string[] unknown)
    {
        parsed = string.IsNullOrWhiteSpace(types)
            ? []
            : types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        unknown = parsed.Where(t => !All.Contains(t)).ToArray();
        return unknown.Length == 0;
    }
}
