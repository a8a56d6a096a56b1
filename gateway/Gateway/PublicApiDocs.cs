using Scalar.AspNetCore;

namespace Gateway;

/// <summary>
/// One OpenAPI 3.1 document of the whole public surface (openapi/v1.json, maintained by hand beside
/// docs/api-contract.md, which a test checks it against) and a Scalar reference of it. Served in
/// every environment: the public API is public information.
/// </summary>
public static class PublicApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";

    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(PublicApiDocs).Assembly.GetManifestResourceStream("Gateway.openapi.v1.json")
            ?? throw new InvalidOperationException("The public OpenAPI document is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static WebApplication MapPublicApiDocs(this WebApplication app)
    {
        app.MapGet(DocumentPath, () => Results.Bytes(Document.Value, "application/json")).AllowAnonymous().ExcludeFromDescription();
        // Scalar's page names the document relative to itself (openapi/v1.json under /docs/): the same bytes there.
        app.MapGet("/docs" + DocumentPath, () => Results.Bytes(Document.Value, "application/json")).AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("G2B licensing suite: public API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument("v1"))
            .AllowAnonymous();
        return app;
    }
}
