namespace CompanyRegistry.Tests.Support;

/// <summary>The regulator's company search (<c>GET /api/companies</c>), read strictly, and the names it answers in order.</summary>
public static class Searches
{
    public static async Task<CompanyPageBody> SearchAsync(this CompanyRegistryApp app, string query) =>
        await (await app.Regulator().GetAsync($"/api/companies?{query}")).ReadAsync<CompanyPageBody>();

    public static List<string> Names(this CompanyPageBody page) => [.. page.Items.Select(i => i.LegalName)];

    /// <summary>
    /// Follows the cursor from the first page to the last (50 pages at most), calling <paramref name="afterPage"/>
    /// with the page's index after each, and returns every name seen in order.
    /// </summary>
    public static async Task<List<string>> WalkAsync(this CompanyRegistryApp app, string query, int limit, Func<int, Task>? afterPage = null)
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await app.SearchAsync($"{query}&limit={limit}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            seen.AddRange(page.Names());
            cursor = page.NextCursor;
            if (afterPage is not null)
            {
                await afterPage(pages);
            }
            pages++;
        }
        while (cursor is not null && pages < 50);
        return seen;
    }
}
