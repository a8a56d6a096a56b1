namespace CompanyRegistry.Api.ActivityCodes;

/// <summary>
/// Picks the language of the names from <c>Accept-Language</c>: the most preferred range (by quality, then by position)
/// whose primary tag is offered, so <c>ru-RU</c> is Russian and <c>fr, tk;q=0.5</c> Turkmen. Ranges with <c>q=0</c> are
/// refused, not chosen; a missing, unparseable or wholly unoffered header gets the fallback.
/// </summary>
internal static class NameLanguage
{
    public static string Negotiate(HttpRequest request, IReadOnlyList<string> offered, string fallback)
    {
        // The typed header parses leniently: a malformed value reads as no preference, never an exception.
        var ranges = request.GetTypedHeaders().AcceptLanguage;
        return ranges
            .Where(r => r.Quality is null or > 0)
            .OrderByDescending(r => r.Quality ?? 1) // stable: equal qualities keep the client's order
            .Select(r => PrimaryTag(r.Value.Value))
            .FirstOrDefault(tag => tag is not null && offered.Contains(tag))
            ?? fallback;
    }

    private static string? PrimaryTag(string? range) =>
        range is null or "*" ? null : range.Split('-', 2)[0].ToLowerInvariant();
}
