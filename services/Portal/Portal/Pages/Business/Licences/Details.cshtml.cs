using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Payments;

namespace Portal.Pages.Business.Licences;

/// <summary>
/// A licence: details, validity, its history (issue, renewals, changes), the public verification link and its QR code, the
/// certificate, a printable view; Renew while it is in its renewal window (or the renewal already under way), Surrender
/// while it is in force.
/// </summary>
public sealed class DetailsModel(
    SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue, IOptions<PortalOptions> options, BusinessOverview overview)
    : PortalPage(suite, text)
{
    public LicenceDto Licence { get; private set; } = null!;

    public CompanyDto? Company { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>A renewal of this licence not yet settled (the API allows one at a time).</summary>
    public ApplicationDto? OpenRenewal { get; private set; }

    /// <summary>The API would take a renewal now: in the window, eligible, none open already.</summary>
    public bool CanRenew { get; private set; }

    public bool CanSurrender => Licence.Status is "Active" or "Suspended";

    /// <summary>What was just done ("surrender"), for the notice on top.</summary>
    public string? Done { get; private set; }

    /// <summary>The public verification page for this licence (what the QR code opens on an inspector's phone).</summary>
    public string VerificationUrl => $"{PublicBase}/verify?q={Uri.EscapeDataString(Licence.LicenceNumber)}";

    private string PublicBase => (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
        ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}"
        : options.Value.PublicBaseUrl).TrimEnd('/');

    public async Task<IActionResult> OnGetAsync(string licenceNumber, string? done)
    {
        if (await LoadAsync(licenceNumber) is { } refused)
        {
            return refused;
        }

        var (applications, _) = await overview.ApplicationsAsync(Licence.RegistrationNumber);
        OpenRenewal = applications.Where(a => a.RenewalOf == Licence.LicenceNumber && BusinessOverview.OpenStatuses.Contains(a.Status))
            .OrderByDescending(a => a.SubmittedAt).FirstOrDefault();
        CanRenew = OpenRenewal is null && !Licence.EligibilityLapsed
            && overview.InRenewalWindow(Licence.Status, Licence.ValidUntil, Licence.LicenceType, Types);
        Done = done == "surrender" ? done : null;
        return Page();
    }

    public async Task<IActionResult> OnGetVerificationQrAsync(string licenceNumber)
    {
        if (await LoadAsync(licenceNumber) is { } refused)
        {
            return refused;
        }

        return File(PaymentQr.Png(VerificationUrl), "image/png");
    }

    /// <summary>The certificate PDF from the API, in the page's language, passed through (the browser holds no token).</summary>
    public async Task<IActionResult> OnGetCertificateAsync(string licenceNumber)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var pdf = await Suite.DownloadAsync(api => api.CertificateAsync(licenceNumber, language));
        return pdf.Succeeded ? File(pdf.Value!, "application/pdf", $"{licenceNumber}.pdf") : Refusal(pdf);
    }

    internal async Task<IActionResult?> LoadAsync(string licenceNumber)
    {
        if (await ReadAsync(api => api.LicenceAsync(licenceNumber), licence => Licence = licence) is { } refusal)
        {
            return refusal;
        }

        Types = await catalogue.LicenceTypesAsync();
        Company = (await Suite.CallAsync(api => api.CompanyAsync(Licence.RegistrationNumber))).Value;
        return null;
    }
}
