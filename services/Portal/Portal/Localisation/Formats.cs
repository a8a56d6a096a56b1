using System.Globalization;
using Microsoft.Extensions.Options;

namespace Portal.Localisation;

/// <summary>
/// How values read in the page's language: money with the culture's separators and the currency code, dates
/// with month names, times in the configured zone, and the API's codes (statuses, legal forms, licence types)
/// in words.
/// </summary>
public sealed class Formats(IStringLocalizer<SharedResource> text, IOptions<PortalOptions> options)
{
    private readonly TimeZoneInfo _zone = FindZone(options.Value.TimeZone);

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    public string Money(decimal amount, string currency) =>
        $"{amount.ToString("N2", Culture)}\u00a0{currency}";

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public string Date(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("d MMMM yyyy", Culture);

    public string DateTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("d MMMM yyyy, HH:mm", Culture);

    /// <summary>The machine-readable form, for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string Status(string status) => Word("Status_" + status, status);

    public string LegalForm(string form) => Word("LegalForm_" + form, form);

    public string EventType(string type) => Word("Event_" + type, type);

    /// <summary>A company history entry's action (Registered, Suspended, LicenceAdded...) in words.</summary>
    public string HistoryAction(string action) => Word("History_" + action, action);

    /// <summary>A document's kind (the catalogue's required documents, or <c>other</c>) in words.</summary>
    public string DocumentKind(string kind) => Word("DocumentKind_" + kind, kind);

    /// <summary>
    /// What a person wrote with a decision or an appeal, as the application's history keeps it (the API has no field of
    /// its own for an appeal's grounds): the text after the step's name, for the steps whose text people wrote.
    /// </summary>
    public static string? HistoryNote(HistoryItemDto item) =>
        item.Cause?.Split(": ", 2) is [var step, var note] && NotedSteps.Contains(step) && note.Trim() is { Length: > 0 } text ? text : null;

    private static readonly HashSet<string> NotedSteps =
        ["regulator-approved", "regulator-rejected", "appealed", "appeal-upheld", "appeal-dismissed"];

    /// <summary>The catalogue's names are English: a translation where the resources have one.</summary>
    public string LicenceType(string code, IReadOnlyList<LicenceTypeDto>? catalogue = null) =>
        Word("LicenceType_" + code, catalogue?.FirstOrDefault(t => t.Code == code)?.Name ?? code);

    private string Word(string key, string fallback)
    {
        var found = text[key];
        return found.ResourceNotFound ? fallback : found.Value;
    }

    private static TimeZoneInfo FindZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
