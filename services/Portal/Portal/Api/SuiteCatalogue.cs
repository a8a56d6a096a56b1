using System.Globalization;
using Microsoft.Extensions.Caching.Memory;

namespace Portal.Api;

/// <summary>
/// The two public lists the pages read on almost every request, cached briefly: the licence-type catalogue and
/// the NACE classification the registry validates against.
/// </summary>
public sealed class SuiteCatalogue(SuiteClient client, IMemoryCache cache)
{
    public async Task<IReadOnlyList<LicenceTypeDto>> LicenceTypesAsync() =>
        await CachedAsync("licence-types", TimeSpan.FromMinutes(5), api => api.LicenceTypesAsync());

    /// <summary>
    /// The classification named in the page's language: the API client sends Accept-Language = CurrentUICulture and the
    /// registry answers in it, so each UI culture has its own cached copy.
    /// </summary>
    public async Task<IReadOnlyList<ActivityCodeDto>> ActivityCodesAsync() =>
        await CachedAsync($"activity-codes:{CultureInfo.CurrentUICulture.Name}", TimeSpan.FromHours(1), api => api.ActivityCodesAsync());

    public async Task<LicenceTypeDto?> LicenceTypeAsync(string code) =>
        (await LicenceTypesAsync()).FirstOrDefault(t => t.Code == code);

    /// <summary>Classes whose code starts with, or whose name contains, every word of the query.</summary>
    public async Task<IReadOnlyList<ActivityCodeDto>> SearchActivitiesAsync(string? query, int max = 20)
    {
        var words = (query ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return [];
        }

        return [.. (await ActivityCodesAsync())
            .Where(c => words.All(w => c.Code.StartsWith(w, StringComparison.Ordinal)
                || c.Name.Contains(w, StringComparison.OrdinalIgnoreCase)
                || c.SectionName.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Take(max)];
    }

    private async Task<IReadOnlyList<T>> CachedAsync<T>(string key, TimeSpan lifetime, Func<ISuiteApi, Task<Refit.IApiResponse<List<T>>>> call)
    {
        if (cache.TryGetValue(key, out IReadOnlyList<T>? cached) && cached is not null)
        {
            return cached;
        }

        var result = await client.CallAsync(call);
        if (!result.Succeeded)
        {
            // Not cached: the next page tries again. Pages show what they can without the list.
            return [];
        }

        cache.Set(key, (IReadOnlyList<T>)result.Value!, lifetime);
        return result.Value!;
    }
}
