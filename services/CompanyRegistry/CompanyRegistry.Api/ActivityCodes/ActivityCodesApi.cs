namespace CompanyRegistry.Api.ActivityCodes;

/// <summary>One NACE class; division and group (additions to the contract) place it in the hierarchy.</summary>
public sealed record ActivityCodeResponse(
    string Code, string Name, string Section, string SectionName, string Division, string DivisionName, string Group, string GroupName);

public static class ActivityCodesApi
{
    public static IEndpointRouteBuilder MapActivityCodesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/activity-codes", (ActivityCodeCatalog catalog) =>
                TypedResults.Ok(catalog.All.Select(c => new ActivityCodeResponse(
                    c.Code, c.Name, c.Section, c.SectionName, c.Division, c.DivisionName, c.Group, c.GroupName))))
            .WithTags("Companies")
            .AllowAnonymous();
        return app;
    }
}
