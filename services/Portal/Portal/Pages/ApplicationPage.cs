using Portal.Pages.Shared;

namespace Portal.Pages;

/// <summary>
/// A page about one application (the owner's or a regulator's): the application, the catalogue for its type's name and
/// required documents, and its papers (questions, answers, documents), read the same way by every such page.
/// </summary>
public abstract class ApplicationPage(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue)
    : PortalPage(suite, text)
{
    public ApplicationDto Application { get; private set; } = null!;

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    /// <summary>The regulator's questions with the answers, and the documents.</summary>
    public ApplicationPapers Papers { get; private set; } = null!;

    /// <summary>Null when the application is read; otherwise the page's answer to the API's refusal (the same 403/404).</summary>
    protected async Task<IActionResult?> LoadApplicationAsync(Guid applicationId, bool forRegulator)
    {
        if (await ReadAsync(api => api.ApplicationAsync(applicationId), application => Application = application) is { } refusal)
        {
            return refusal;
        }

        Types = await catalogue.LicenceTypesAsync();
        Papers = await ApplicationPapers.LoadAsync(Suite, Application, Types, forRegulator);
        return null;
    }

    /// <summary>A refused file in words next to its field; any other refusal at the top of the form.</summary>
    protected void ShowUploadRefusal(UploadOutcome upload, string field)
    {
        if (upload.FieldErrorKey is { } key)
        {
            Errors[field] = Text[key];
        }
        else
        {
            FormError = Explain(upload.Result.Problem, upload.Result.Status);
        }
    }
}
