using System.Globalization;
using System.Text.RegularExpressions;
using CompanyRegistry.Api.Companies;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CompanyRegistry.Api.Search;

public sealed record CompanyPage(IReadOnlyList<CompanyResponse> Items, string? NextCursor);

/// <summary>The regulator's search: filters and a fuzzy name query, cursor-paged.</summary>
public static partial class SearchApi
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/companies").WithTags("Companies")
            .MapGet("/", SearchAsync).RequireAuthorization(AuthPolicies.Regulator);
        return app;
    }

    // Query parameters arrive as strings so a bad value becomes a field error, not a binding failure.
    private static async Task<Results<Ok<CompanyPage>, ProblemHttpResult>> SearchAsync(
        string? q, string? status, string? activityCode, string? licenceType, string? limit, string? cursor,
        CompanyRegistryDbContext db, IOptions<RegistryOptions> options, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var query = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (query is { Length: > 200 })
        {
            errors["q"] = ["At most 200 characters."];
        }
        else if (query is not null && query.Any(char.IsControl))
        {
            // PostgreSQL text cannot hold NUL: refuse it here rather than fail in the query.
            errors["q"] = ["Control characters are not allowed."];
        }
        CompanyStatus? statusFilter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (EnumNames.TryParse<CompanyStatus>(status, ignoreCase: true, out var parsed))
            {
                statusFilter = parsed;
            }
            else
            {
                errors["status"] = ["Must be one of Active, Suspended, Dissolved."];
            }
        }
        var code = string.IsNullOrWhiteSpace(activityCode) ? null : activityCode.Trim();
        if (code is not null && !ActivityCodeFormat().IsMatch(code))
        {
            errors["activityCode"] = ["Must be a NACE Rev. 2 class code (NN.NN)."];
        }
        var type = string.IsNullOrWhiteSpace(licenceType) ? null : licenceType.Trim();
        if (type is { Length: > 64 } || (type is not null && type.Any(char.IsControl)))
        {
            errors["licenceType"] = ["At most 64 printable characters."];
        }
        var pageSize = DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"Must be a whole number from 1 to {MaxLimit}."];
        }
        SearchCursor? after = null;
        if (!string.IsNullOrEmpty(cursor)
            && (!SearchCursor.TryDecode(cursor, out after) || (after.LastScore is null) != (query is null)))
        {
            // A cursor only continues the kind of search (ranked or not) that produced it.
            errors["cursor"] = ["The cursor is not valid for this search."];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var criteria = new CompanySearchCriteria(query, statusFilter, code, type, pageSize, after);
        var (companies, next) = await CompanySearch.FindCompaniesAsync(db, criteria, options.Value.WordSimilarityThreshold, ct);
        return TypedResults.Ok(new CompanyPage([.. companies.Select(CompanyResponse.From)], next?.Encode()));
    }

    [GeneratedRegex(@"^\d{2}\.\d{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex ActivityCodeFormat();
}
