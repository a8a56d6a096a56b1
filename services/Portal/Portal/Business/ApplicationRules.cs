namespace Portal.Business;

/// <summary>
/// What a business may still do with an application, by the API's rules (docs/api-contract.md), so a page offers only
/// what the API would accept. The API decides in the end; a refusal it gives is still shown in words.
/// </summary>
public static class ApplicationRules
{
    /// <summary>An appeal is possible within this time of the rejection, once.</summary>
    public static readonly TimeSpan AppealPeriod = TimeSpan.FromDays(30);

    /// <summary>Open (before a decision) or rejected but not yet appealed: the API takes documents.</summary>
    public static bool AcceptsDocuments(ApplicationDto application) =>
        BusinessOverview.OpenStatuses.Contains(application.Status) || (application.Status == "Rejected" && !Appealed(application));

    /// <summary>Paid and under the regulator's review (or waiting for the business's answer): the owner may withdraw it.</summary>
    public static bool CanWithdraw(ApplicationDto application) => application.Status is "UnderReview" or "InformationRequested";

    /// <summary>When the application was last rejected, from its history.</summary>
    public static DateTimeOffset? RejectedAt(ApplicationDto application) =>
        application.Status == "Rejected" ? (application.History ?? []).LastOrDefault(h => h.Status == "Rejected")?.At : null;

    /// <summary>The last moment an appeal is accepted, while one still may be made; null when none may.</summary>
    public static DateTimeOffset? AppealDeadline(ApplicationDto application, DateTimeOffset now) =>
        RejectedAt(application) is { } rejected && !Appealed(application) && now <= rejected + AppealPeriod ? rejected + AppealPeriod : null;

    private static bool Appealed(ApplicationDto application) => (application.History ?? []).Any(h => h.Status == "UnderAppeal");
}
