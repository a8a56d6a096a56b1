namespace Portal.Pages.Shared;

/// <summary>
/// The NACE activity picker of the registration and the change of a company's details, for <c>_ActivityResults.cshtml</c>:
/// the classes chosen (checked boxes, named <c>Form.ActivityCodes</c>) and those matching the search. Without script the
/// search is a submit button; with script the same fragment comes from <c>/companies/register?handler=Activities</c>.
/// </summary>
public sealed record ActivityPicker(IReadOnlyList<ActivityCodeDto> Selected, IReadOnlyList<ActivityCodeDto> Matches, bool Searched)
{
    public static readonly ActivityPicker Empty = new([], [], false);

    public static async Task<ActivityPicker> ShowAsync(SuiteCatalogue catalogue, IEnumerable<string> chosenCodes, string? search, bool searching)
    {
        var all = await catalogue.ActivityCodesAsync();
        var chosen = chosenCodes.ToHashSet(StringComparer.Ordinal);
        var searched = searching && !string.IsNullOrWhiteSpace(search);
        return new ActivityPicker(
            [.. all.Where(c => chosen.Contains(c.Code))],
            searched ? [.. (await catalogue.SearchActivitiesAsync(search, 30)).Where(c => !chosen.Contains(c.Code)).Take(20)] : [],
            searched);
    }
}

/// <summary>The picker's search box and results, for <c>_ActivityField.cshtml</c>; the Search button posts the form to <see cref="SearchAction"/>.</summary>
public sealed record ActivityField(string? Search, string? Error, ActivityPicker Picker, string SearchAction);
