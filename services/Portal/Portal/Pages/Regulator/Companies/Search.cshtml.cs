using static Portal.Pages.Shared.FormInput;

namespace Portal.Pages.Regulator.Companies;

/// <summary>
/// The registry search for regulators: one box (the API matches the name fuzzily, the registration number and tax id
/// exactly), filters by status, activity and licence type, and "more results" by the API's cursor.
/// </summary>
public sealed class SearchModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public const int PageSize = 20;

    public static readonly IReadOnlyList<string> Statuses = ["Active", "Suspended", "Dissolved"];

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ActivityCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? LicenceType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public IReadOnlyList<CompanyDto>? Results { get; private set; }

    public string? NextCursor { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>Nothing asked yet: the form alone, no list of the whole registry.</summary>
    public bool Searched => new[] { Q, Status, ActivityCode, LicenceType }.Any(v => !string.IsNullOrWhiteSpace(v));

    public async Task<IActionResult> OnGetAsync()
    {
        Types = await catalogue.LicenceTypesAsync();
        if (!Searched)
        {
            return Page();
        }

        var found = await Suite.CallAsync(api => api.SearchCompaniesAsync(
            Blank(Q), Blank(Status), Blank(ActivityCode), Blank(LicenceType), PageSize, Blank(Cursor)));
        if (found.Succeeded)
        {
            Results = found.Value!.Items;
            NextCursor = found.Value.NextCursor;
            return Page();
        }

        if (found.Status != StatusCodes.Status400BadRequest)
        {
            return Refusal(found);
        }

        AddFieldErrors(found.Problem, new Dictionary<string, string>
        {
            ["q"] = "q", ["status"] = "status", ["activityCode"] = "activityCode", ["licenceType"] = "licenceType", ["cursor"] = "q",
        });
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The next page: the same question with the API's cursor.</summary>
    public string MoreUrl() => "/regulator/companies" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Blank(Q), ["status"] = Blank(Status), ["activityCode"] = Blank(ActivityCode), ["licenceType"] = Blank(LicenceType),
        ["cursor"] = NextCursor,
    }.Where(p => p.Value is not null));
}
