namespace Portal.Pages.Regulator.Payments;

/// <summary>
/// Money a person must resolve: payments reconciliation or a cancellation could not apply (GET /api/payments/exceptions),
/// oldest first, with "more" by the API's cursor.
/// </summary>
public sealed class ExceptionsModel(SuiteClient suite, IStringLocalizer<SharedResource> text) : PortalPage(suite, text)
{
    public IReadOnlyList<PaymentExceptionDto> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor)
    {
        var page = await Suite.CallAsync(api => api.PaymentExceptionsAsync(50, string.IsNullOrWhiteSpace(cursor) ? null : cursor));
        if (!page.Succeeded)
        {
            return page.Status == StatusCodes.Status400BadRequest ? Redirect("/regulator/payments/exceptions") : Refusal(page);
        }

        Items = page.Value!.Items;
        NextCursor = page.Value.NextCursor;
        return Page();
    }

    /// <summary>The reason in words where the resources have it (application-cancelled, invoice-expired, ...), else the API's slug.</summary>
    public string ReasonInWords(string reason) =>
        Text["PaymentException_" + reason] is { ResourceNotFound: false } words ? words.Value : reason;
}
