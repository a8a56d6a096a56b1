using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Portal.Api;
using Portal.Resources;

namespace Portal.Pages.Regulator.Applications;

/// <summary>
/// The review queue: applications under review, oldest first (the API's order), with "more" by its cursor. The API
/// has no review deadline (reviewDueAt) or information requests yet, so the queue shows how long each has waited.
/// </summary>
public sealed class QueueModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue, TimeProvider time)
    : PortalPage(suite, text)
{
    public IReadOnlyList<ApplicationDto> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? cursor)
    {
        var page = await Suite.CallAsync(api => api.ApplicationsAsync(status: "UnderReview", limit: 50, cursor: string.IsNullOrWhiteSpace(cursor) ? null : cursor));
        if (!page.Succeeded)
        {
            return page.Status == StatusCodes.Status400BadRequest ? Redirect("/regulator/reviews") : Refusal(page);
        }

        Items = page.Value!.Items;
        NextCursor = page.Value.NextCursor;
        Types = await catalogue.LicenceTypesAsync();
        return Page();
    }

    /// <summary>Whole days since the application was submitted.</summary>
    public int DaysWaiting(ApplicationDto application) => Math.Max(0, (int)(time.GetUtcNow() - application.SubmittedAt).TotalDays);
}
