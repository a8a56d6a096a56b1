using System.Net.Mail;

namespace CompanyRegistry.Api.Registration;

/// <summary>The optional contact fields of a registration: a mailbox for notifications and its language.</summary>
public static class ContactValidation
{
    public const int MaxEmailLength = 254; // RFC 5321's limit on a forward path
    public static readonly IReadOnlyList<string> Languages = ["en", "tk", "ru"];

    public static (string? Email, string Language) Validate(string? email, string? language, Action<string, string> fail)
    {
        string? address = null;
        if (email is not null)
        {
            address = email.Trim();
            if (!IsMailbox(address))
            {
                fail("contactEmail", "The contact email must be a single address such as name@example.tm.");
            }
        }

        var lang = string.IsNullOrWhiteSpace(language) ? "en" : language.Trim().ToLowerInvariant();
        if (!Languages.Contains(lang))
        {
            fail("preferredLanguage", $"The preferred language must be one of {string.Join(", ", Languages)}.");
        }

        return (address, lang);
    }

    // MailAddress alone accepts display names ("A <a@b>") and dotless hosts; a bare, routable
    // address is what a mail to the company needs.
    private static bool IsMailbox(string value) =>
        value.Length is > 0 and <= MaxEmailLength
        && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && MailAddress.TryCreate(value, out var parsed)
        && parsed.Address == value
        && string.IsNullOrEmpty(parsed.DisplayName)
        && parsed.Host.Contains('.', StringComparison.Ordinal)
        && !parsed.Host.StartsWith('.') && !parsed.Host.EndsWith('.');
}
