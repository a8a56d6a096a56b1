using Microsoft.Extensions.Options;
using Portal.Pages.Shared;
using Portal.Payments;

namespace Portal.Pages.Business.Applications;

/// <summary>
/// One application: its status timeline and, while it awaits payment, what to pay, by when, and the payment QR
/// code. The status part is also served alone (<c>?handler=Live</c>) so a small script can swap it in when the
/// state changes; a reload shows the same.
/// </summary>
public sealed class DetailsModel(
    SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue, PaymentQr qr, IOptions<PortalOptions> options,
    TimeProvider time)
    : ApplicationPage(suite, text, catalogue)
{
    public InvoiceDto? Invoice { get; private set; }

    public CompanyDto? Company { get; private set; }

    /// <summary>The question waiting for this business's answer.</summary>
    public InformationRequestDto? OpenQuestion =>
        Application.Status == "InformationRequested" ? Papers.Questions.LastOrDefault(q => q.RespondedAt is null) : null;

    /// <summary>Documents can be added while the application is open (a regulator may ask for them) or rejected but not yet appealed.</summary>
    public bool AcceptsDocuments => ApplicationRules.AcceptsDocuments(Application);

    /// <summary>Until when a rejected application may be appealed; null when it may not (any more).</summary>
    public DateTimeOffset? AppealDeadline => ApplicationRules.AppealDeadline(Application, time.GetUtcNow());

    public PayeeOptions Payee => options.Value.Payee;

    public int RefreshSeconds => options.Value.LiveRefreshSeconds;

    /// <summary>Changes whenever anything the status part shows changes; the script compares it.</summary>
    public string LiveState =>
        $"{Application.Status}|{Application.PaymentReference}|{Invoice?.Status}|{Application.LicenceNumber}|{Papers.Questions.Count}|{Papers.Documents.Count}";

    /// <summary>No more changes to wait for: the script stops asking.</summary>
    public bool Settled => !BusinessOverview.OpenStatuses.Contains(Application.Status);

    public bool CanCancel => Application.Status == "AwaitingPayment" && Invoice?.Status is null or "Open";

    public bool CanWithdraw => ApplicationRules.CanWithdraw(Application);

    public bool AwaitingInvoice => Application.Status == "AwaitingPayment" && Invoice is null;

    public async Task<IActionResult> OnGetAsync(Guid applicationId) => await LoadAsync(applicationId) ?? Page();

    public async Task<IActionResult> OnGetLiveAsync(Guid applicationId) =>
        await LoadAsync(applicationId) ?? Partial("_ApplicationStatus", this);

    public async Task<IActionResult> OnGetPaymentQrAsync(Guid applicationId)
    {
        if (await LoadAsync(applicationId) is { } refused)
        {
            return refused;
        }

        if (Invoice is not { Status: "Open" } open)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(PaymentQr.Png(PaymentPayload(open)), "image/png");
    }

    public string PaymentPayload(InvoiceDto invoice) =>
        qr.Payload(invoice.PaymentReference, invoice.Amount, invoice.Currency, DateOnly.FromDateTime(invoice.DueAt.UtcDateTime));

    private async Task<IActionResult?> LoadAsync(Guid applicationId)
    {
        if (await LoadApplicationAsync(applicationId, forRegulator: false) is { } refused)
        {
            return refused;
        }

        if (Application.PaymentReference is { } reference)
        {
            var invoice = await Suite.CallAsync(api => api.InvoiceAsync(reference));
            Invoice = invoice.Value;
        }

        var company = await Suite.CallAsync(api => api.CompanyAsync(Application.RegistrationNumber));
        Company = company.Value;
        return null;
    }
}
