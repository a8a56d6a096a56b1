namespace CompanyRegistry.Api.Domain;

/// <summary>
/// What an owner asks to change, already validated and canonical. A null field is left as it is;
/// the contact email can also be cleared, so whether it is set is carried apart from its value.
/// </summary>
public sealed record CompanyAmendment(
    string? LegalName = null,
    Address? Address = null,
    IReadOnlyList<string>? ActivityCodes = null,
    bool SetsContactEmail = false,
    string? ContactEmail = null,
    string? PreferredLanguage = null)
{
    /// <summary>History's note for a field whose values the read endpoints do not show.</summary>
    public static readonly object Withheld = new { withheld = true };

    /// <summary>The names of the amendable fields, as in the request, the history and the event's changedFields.</summary>
    public static class Fields
    {
        public const string LegalName = "legalName";
        public const string Address = "address";
        public const string ActivityCodes = "activityCodes";
        public const string ContactEmail = "contactEmail";
        public const string PreferredLanguage = "preferredLanguage";

        public static readonly IReadOnlyList<string> All = [LegalName, Address, ActivityCodes, ContactEmail, PreferredLanguage];
    }
}
