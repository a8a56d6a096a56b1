using G2B.ServiceDefaults;

namespace Portal.Business;

/// <summary>
/// An application's documents, downloaded through the portal: the portal asks the API with the signed-in person's
/// token (kept on the server) and passes the bytes on as they arrive, always as an attachment (never shown in the
/// portal's origin). The owner's links are under <c>/applications/…</c>, a regulator's under <c>/regulator/…</c>;
/// the API decides who may see which, and its 404 is the page's 404.
/// </summary>
public static class DocumentDownloads
{
    public static IEndpointRouteBuilder MapDocumentDownloads(this IEndpointRouteBuilder app)
    {
        app.MapGet("/applications/{applicationId:guid}/documents/{documentId:guid}", DownloadAsync)
            .RequireAuthorization(AuthPolicies.Business);
        app.MapGet("/regulator/applications/{applicationId:guid}/documents/{documentId:guid}", DownloadAsync)
            .RequireAuthorization(AuthPolicies.Regulator);
        return app;
    }

    /// <summary>The link to a document for the person's role.</summary>
    public static string Link(Guid applicationId, Guid documentId, bool regulator) =>
        $"{(regulator ? "/regulator" : "")}/applications/{applicationId}/documents/{documentId}";

    private static async Task<IResult> DownloadAsync(Guid applicationId, Guid documentId, HttpContext context, SuiteClient suite)
    {
        var file = await suite.OpenFileAsync(api => api.DocumentAsync(applicationId, documentId, context.RequestAborted));
        if (!file.Succeeded)
        {
            // The status code pages turn these into the plain-words error page.
            return Results.StatusCode(file.Status switch
            {
                401 or 403 or 404 => file.Status,
                _ => StatusCodes.Status503ServiceUnavailable,
            });
        }

        context.Response.RegisterForDispose(file.Value!);
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Stream(file.Value!.Content, file.Value.ContentType, file.Value.FileName ?? "document");
    }
}
