namespace Portal.Pages.Business.Licences;

/// <summary>
/// Renewing a licence: what it costs and until when the renewed licence runs, then <c>POST .../renew</c> with one
/// Idempotency-Key per form (a double click or a resent form renews once). The renewal is an application like any
/// other: its page shows the payment instructions and the QR code.
/// </summary>
public sealed class RenewModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue, BusinessOverview overview)
    : PortalPage(suite, text)
{
    public LicenceDto Licence { get; private set; } = null!;

    public LicenceTypeDto? Type { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>The API would take a renewal now (its window; the API decides in the end).</summary>
    public bool Open { get; private set; }

    /// <summary>The end date the renewal gives: the old one moved on by the type's validity.</summary>
    public DateOnly RenewedUntil => Licence.ValidUntil.AddMonths(Type?.ValidityMonths ?? 12);

    [BindProperty]
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(string licenceNumber) => await LoadAsync(licenceNumber) ?? Page();

    public async Task<IActionResult> OnPostAsync(string licenceNumber)
    {
        var key = Guid.TryParseExact(IdempotencyKey, "N", out _) ? IdempotencyKey : Guid.NewGuid().ToString("N");
        var renewal = await Suite.CallAsync(api => api.RenewAsync(licenceNumber, key));
        if (renewal.Succeeded)
        {
            return Redirect($"/applications/{renewal.Value!.ApplicationId}");
        }

        if (FormRefusal(renewal) is { } refusal)
        {
            return refusal;
        }

        // A fresh key: a refused renewal may be tried again later as a new request.
        IdempotencyKey = Guid.NewGuid().ToString("N");
        ModelState.Remove(nameof(IdempotencyKey));
        return await LoadAsync(licenceNumber) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string licenceNumber)
    {
        if (await ReadAsync(api => api.LicenceAsync(licenceNumber), licence => Licence = licence) is { } refusal)
        {
            return refusal;
        }

        Types = await catalogue.LicenceTypesAsync();
        Type = Types.FirstOrDefault(t => t.Code == Licence.LicenceType);
        Open = overview.InRenewalWindow(Licence.Status, Licence.ValidUntil, Licence.LicenceType, Types);
        return null;
    }
}
