using Microsoft.Net.Http.Headers;

namespace CompanyRegistry.Api.ActivityCodes;

/// <summary>One NACE class; division and group (additions to the contract) place it in the hierarchy.</summary>
public sealed record ActivityCodeResponse(
    string Code, string Name, string Section, string SectionName, string Division, string DivisionName, string Group, string GroupName);

public static class ActivityCodesApi
{
    public static IEndpointRouteBuilder MapActivityCodesApi(this IEndpointRouteBuilder app)
    {
        // The names follow Accept-Language (en, tk, ru; anything else is English); the codes and their order never change.
        app.MapGet("/api/activity-codes", (HttpContext http, ActivityCodeCatalog catalog) =>
            {
                var language = NameLanguage.Negotiate(http.Request, ActivityCodeCatalog.Languages, ActivityCodeCatalog.DefaultLanguage);
                http.Response.Headers.ContentLanguage = language;
                http.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
                return TypedResults.Ok(catalog.In(language).Select(c => new ActivityCodeResponse(
                    c.Code, c.Name, c.Section, c.SectionName, c.Division, c.DivisionName, c.Group, c.GroupName)));
            })
            .WithTags("Companies")
            .AllowAnonymous();
        return app;
    }
}
