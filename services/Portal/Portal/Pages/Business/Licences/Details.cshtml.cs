using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Api;
using Portal.Payments;
using Portal.Resources;

namespace Portal.Pages.Business.Licences;

/// <summary>A licence: details, validity, the public verification link and its QR code, the certificate, a printable view.</summary>
public sealed class DetailsModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue, IOptions<PortalOptions> options)
    : PortalPage(suite, text)
{
    public LicenceDto Licence { get; private set; } = null!;

    public CompanyDto? Company { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>The public verification page for this licence (what the QR code opens on an inspector's phone).</summary>
    public string VerificationUrl => $"{PublicBase}/verify?q={Uri.EscapeDataString(Licence.LicenceNumber)}";

    private string PublicBase => (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
        ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}"
        : options.Value.PublicBaseUrl).TrimEnd('/');

    public async Task<IActionResult> OnGetAsync(string licenceNumber) => await LoadAsync(licenceNumber) ?? Page();

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
        var licence = await Suite.CallAsync(api => api.LicenceAsync(licenceNumber));
        if (!licence.Succeeded)
        {
            return Refusal(licence);
        }

        Licence = licence.Value!;
        Types = await catalogue.LicenceTypesAsync();
        Company = (await Suite.CallAsync(api => api.CompanyAsync(Licence.RegistrationNumber))).Value;
        return null;
    }
}
