using static Portal.Pages.Shared.FormInput;

namespace Portal.Pages.Regulator.Licences;

/// <summary>
/// Licences for a regulator to look at: by company, status and eligibility, "more" by the API's cursor. A regulator who
/// opens the page without asking anything sees the licences whose holder's activities no longer admit their type
/// (<c>eligibilityLapsed=true</c>): the suite flags them and never revokes them itself, so this list is where they are
/// found.
/// </summary>
public sealed class ListModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<string> Statuses = ["Active", "Suspended", "Expired", "Revoked", "Surrendered"];

    /// <summary>The eligibility filter's choices: any licence, only the flagged ones, only the ones still admitted.</summary>
    public static readonly IReadOnlyList<string> Eligibilities = ["", "true", "false"];

    [BindProperty(SupportsGet = true)]
    public string? RegistrationNumber { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>"true", "false" or empty (any); the page's first look, with no question asked, is "true".</summary>
    public string Eligibility { get; private set; } = "true";

    public IReadOnlyList<LicenceDto> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? cursor)
    {
        // A submitted form always sends the select, "" for any; only a first look has no such parameter.
        if (Request.Query.TryGetValue("eligibilityLapsed", out var asked))
        {
            Eligibility = Eligibilities.Contains(asked.ToString()) ? asked.ToString() : "";
        }

        Types = await catalogue.LicenceTypesAsync();
        var found = await Suite.CallAsync(api => api.LicencesAsync(
            Blank(RegistrationNumber), Blank(Status), Blank(Eligibility), PageSize, Blank(cursor)));
        if (found.Succeeded)
        {
            Items = found.Value!.Items;
            NextCursor = found.Value.NextCursor;
            return Page();
        }

        if (found.Status != StatusCodes.Status400BadRequest)
        {
            return Refusal(found);
        }

        // A cursor is the API's own; one it refuses was edited by hand or outlived a change: say so in words.
        if (found.Problem?.Errors.ContainsKey("cursor") == true)
        {
            FormError = Text["Licences_Error_cursor"];
        }

        AddFieldErrors(found.Problem, new Dictionary<string, string>
        {
            ["registrationNumber"] = "registrationNumber", ["status"] = "status", ["eligibilityLapsed"] = "eligibilityLapsed",
        });
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The next page: the same question with the API's cursor.</summary>
    public string MoreUrl() => "/regulator/licences" + QueryString.Create(new Dictionary<string, string?>
    {
        ["registrationNumber"] = Blank(RegistrationNumber), ["status"] = Blank(Status), ["eligibilityLapsed"] = Eligibility,
        ["cursor"] = NextCursor,
    }.Where(p => p.Value is not null));
}
