namespace Portal.Pages.Regulator.Companies;

/// <summary>A company as a regulator sees it: its details, its licences, and its full history (who, when, what, why).</summary>
public sealed class DetailsModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public CompanyDto Company { get; private set; } = null!;

    public IReadOnlyList<CompanyHistoryDto> History { get; private set; } = [];

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>The action just done (suspend, reinstate), confirmed at the top.</summary>
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string registrationNumber, string? done)
    {
        var refusal = await ReadAsync(api => api.CompanyAsync(registrationNumber), company => Company = company)
            ?? await ReadAsync(api => api.CompanyHistoryAsync(registrationNumber), history => History = history);
        if (refusal is not null)
        {
            return refusal;
        }

        Types = await catalogue.LicenceTypesAsync();
        Done = done is "suspend" or "reinstate" ? done : null;
        return Page();
    }

    /// <summary>What changed in a history entry, as "field: value" pairs (the registry's own field names and values).</summary>
    public static IEnumerable<string> Changes(CompanyHistoryDto entry) =>
        entry.Changes.ValueKind == System.Text.Json.JsonValueKind.Object
            ? entry.Changes.EnumerateObject().Select(p => $"{p.Name}: {Value(p.Value)}")
            : [];

    private static string Value(System.Text.Json.JsonElement value) => value.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => value.GetString()!,
        System.Text.Json.JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Value)),
        System.Text.Json.JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name} {Value(p.Value)}")),
        System.Text.Json.JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };
}
