using System.Text.Json;

namespace Portal.Pages.Public;

/// <summary>
/// The public verification page (issue 15 part 4): what a licence's QR code opens (<c>/verify?credential=...</c>) and
/// a form where anyone pastes a credential or types a licence number. It says in plain words whether the signature is
/// valid and what the licence's live status is; it shows only what the API shows anyone (no private data).
/// </summary>
public sealed class VerifyModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    /// <summary>Longer than any credential the API accepts (8192) is refused before it is sent.</summary>
    public const int MaxLength = 8192;

    /// <summary>What was checked, shown again in the field.</summary>
    public string? Input { get; private set; }

    /// <summary>Checked as a credential: the signature's verdict (null when a licence number was checked).</summary>
    public CredentialVerdictDto? Credential { get; private set; }

    /// <summary>The licence as the credential or the licence number names it (null when the signature is not valid).</summary>
    public VerifiedLicence? Licence { get; private set; }

    /// <summary>A licence number that this service does not know.</summary>
    public bool NoSuchLicence { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public bool Checked => Credential is not null || Licence is not null || NoSuchLicence;

    /// <summary><paramref name="credential"/> comes from a QR code; <paramref name="q"/> from this page's form (either kind).</summary>
    public async Task<IActionResult> OnGetAsync(string? credential, string? q)
    {
        // A blank box sent is a question without an answer (the binder turns it into null): say what to enter.
        if (!Request.Query.ContainsKey(nameof(credential)) && !Request.Query.ContainsKey(nameof(q)))
        {
            return Page();
        }

        Input = (credential ?? q ?? "").Trim();

        if (Input.Length == 0 || Input.Length > MaxLength)
        {
            Errors["q"] = Text["Verify_Error_q"];
            return Page();
        }

        return LooksLikeCredential(Input) ? await CheckCredentialAsync(Input) : await CheckLicenceNumberAsync(Input);
    }

    /// <summary>The live status in a sentence: what it means for someone relying on the licence today.</summary>
    public string StatusInWords(string status) =>
        Text["Verify_Status_" + status] is { ResourceNotFound: false } words ? words.Value : Text["Verify_Status_Other"];

    /// <summary>A compact JWS has three dot-separated parts; a licence number has none.</summary>
    internal static bool LooksLikeCredential(string input) => input.Count(c => c == '.') == 2;

    private async Task<IActionResult> CheckCredentialAsync(string credential)
    {
        var verdict = await Suite.CallAsync(api => api.VerifyCredentialAsync(new CredentialDto(credential)));
        if (verdict.Status == StatusCodes.Status400BadRequest)
        {
            Errors["q"] = Text["Verify_Error_q"];
            return Page();
        }

        if (!verdict.Succeeded)
        {
            return Refusal(verdict);
        }

        Credential = verdict.Value!;
        if (Credential is { SignatureValid: true, Claims: { } claims })
        {
            var subject = claims.TryGetProperty("credentialSubject", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
            Licence = new VerifiedLicence(
                Credential.LicenceNumber ?? "",
                Read(subject, "holder", "legalName"),
                Read(subject, "licenceType") ?? "",
                Credential.CurrentStatus ?? "Unknown",
                DateOnly.TryParse(Read(subject, "validFrom"), out var from) ? from : null,
                DateOnly.TryParse(Read(subject, "validUntil"), out var until) ? until : null);
            Types = await catalogue.LicenceTypesAsync();
        }

        return Page();
    }

    private async Task<IActionResult> CheckLicenceNumberAsync(string licenceNumber)
    {
        var verdict = await Suite.CallAsync(api => api.VerifyLicenceAsync(licenceNumber));
        if (verdict.Status is StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest)
        {
            NoSuchLicence = true;
            return Page();
        }

        if (!verdict.Succeeded)
        {
            return Refusal(verdict);
        }

        var l = verdict.Value!;
        Licence = new VerifiedLicence(l.LicenceNumber, l.HolderName, l.LicenceType, l.Status, null, l.ValidUntil);
        Types = await catalogue.LicenceTypesAsync();
        return Page();
    }

    private static string? Read(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}

/// <summary>The public facts of a licence, from a verified credential or from its number.</summary>
public sealed record VerifiedLicence(string LicenceNumber, string? HolderName, string LicenceType, string Status, DateOnly? ValidFrom, DateOnly? ValidUntil);
