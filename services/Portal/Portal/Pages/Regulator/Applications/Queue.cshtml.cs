namespace Portal.Pages.Regulator.Applications;

/// <summary>
/// The review queue: applications under review, the one due first on top (<c>sort=reviewDueAt</c>), the overdue
/// marked, "more" by the API's cursor; below it the appeals to decide and the applications waiting for the
/// business's answer to a question.
/// </summary>
public sealed class QueueModel(SuiteClient suite, IStringLocalizer<SharedResource> text, SuiteCatalogue catalogue, TimeProvider time)
    : PortalPage(suite, text)
{
    private const int PageSize = 50;

    public IReadOnlyList<ApplicationDto> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    /// <summary>Rejected applications whose owner appealed: decided on the same page.</summary>
    public IReadOnlyList<ApplicationDto> Appeals { get; private set; } = [];

    /// <summary>Applications waiting for the business to answer a regulator's question (their review clock is stopped).</summary>
    public IReadOnlyList<ApplicationDto> AwaitingAnswer { get; private set; } = [];

    public IReadOnlyList<LicenceTypeDto> Types { get; private set; } = [];

    public bool FirstPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? cursor)
    {
        FirstPage = string.IsNullOrWhiteSpace(cursor);
        var page = await Suite.CallAsync(api => api.ApplicationsAsync(
            status: "UnderReview", limit: PageSize, cursor: FirstPage ? null : cursor, sort: "reviewDueAt"));
        if (!page.Succeeded)
        {
            return page.Status == StatusCodes.Status400BadRequest ? Redirect("/regulator/reviews") : Refusal(page);
        }

        Items = page.Value!.Items;
        NextCursor = page.Value.NextCursor;
        if (FirstPage)
        {
            var appeals = Suite.CallAsync(api => api.ApplicationsAsync(status: "UnderAppeal", limit: PageSize));
            var waiting = Suite.CallAsync(api => api.ApplicationsAsync(status: "InformationRequested", limit: PageSize));
            Appeals = (await appeals).Value?.Items ?? [];
            AwaitingAnswer = (await waiting).Value?.Items ?? [];
        }

        Types = await catalogue.LicenceTypesAsync();
        return Page();
    }

    /// <summary>Whole days since the application was submitted.</summary>
    public int DaysWaiting(ApplicationDto application) => Math.Max(0, (int)(time.GetUtcNow() - application.SubmittedAt).TotalDays);

    /// <summary>When the application last entered its status (the appeal, the question), from its history.</summary>
    public static DateTimeOffset Since(ApplicationDto application) =>
        (application.History ?? []).LastOrDefault(h => h.Status == application.Status)?.At ?? application.SubmittedAt;
}

/// <summary>A short list under the queue: the appeals to decide, or the applications waiting for an answer.</summary>
public sealed record QueueList(IReadOnlyList<ApplicationDto> Items, IReadOnlyList<LicenceTypeDto> Types, bool Appeals)
{
    public string Name => Appeals ? "appeals" : "awaiting-answer";
}
