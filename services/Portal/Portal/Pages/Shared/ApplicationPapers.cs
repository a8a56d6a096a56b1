namespace Portal.Pages.Shared;

/// <summary>
/// What was asked and sent on an application, for <c>_ApplicationPapers.cshtml</c>: the regulator's questions with
/// the owner's answers, the documents (each a link that downloads through the portal), and which of the documents
/// the licence type requires are still missing. The owner and regulators see the same, each through their own links.
/// </summary>
public sealed record ApplicationPapers(
    ApplicationDto Application, IReadOnlyList<DocumentDto> Documents, IReadOnlyList<string> RequiredKinds, bool ForRegulator)
{
    public IReadOnlyList<InformationRequestDto> Questions => Application.InformationRequests ?? [];

    public IReadOnlyList<string> MissingKinds => [.. RequiredKinds.Where(k => Documents.All(d => d.Kind != k))];

    public string Link(DocumentDto document) => DocumentDownloads.Link(Application.ApplicationId, document.DocumentId, ForRegulator);

    public IReadOnlyList<DocumentDto> Attached(InformationRequestDto question) =>
        [.. (question.DocumentIds ?? []).Select(id => Documents.FirstOrDefault(d => d.DocumentId == id)).OfType<DocumentDto>()];

    /// <summary>The application's documents (read with the person's token) and its type's required kinds.</summary>
    public static async Task<ApplicationPapers> LoadAsync(
        SuiteClient suite, ApplicationDto application, IReadOnlyList<LicenceTypeDto> types, bool forRegulator)
    {
        var documents = await suite.CallAsync(api => api.DocumentsAsync(application.ApplicationId));
        var required = types.FirstOrDefault(t => t.Code == application.LicenceType)?.RequiredDocuments ?? [];
        return new ApplicationPapers(application, documents.Value ?? [], required, forRegulator);
    }
}
