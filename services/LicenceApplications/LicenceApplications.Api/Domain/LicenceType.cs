namespace LicenceApplications.Api.Domain;

/// <summary>A catalogue entry: shipped types are seeded by migrations, operators add or redefine types in configuration (Catalogue:Types).</summary>
public sealed class LicenceType
{
    public string Code { get; init; } = "";

    public string Name { get; init; } = "";

    public decimal Fee { get; init; }

    public string Currency { get; init; } = "TMT";

    public int ValidityMonths { get; init; }

    public bool RequiresReview { get; init; }

    /// <summary>NACE class codes; a company qualifies with any one of them, and an empty list admits every company.</summary>
    public List<string> EligibleActivityCodes { get; init; } = [];

    /// <summary>How many days before the end date a renewal may be asked for.</summary>
    public int RenewalWindowDays { get; init; } = 60;

    /// <summary>How many days after the end date a (by then Expired) licence may still be renewed.</summary>
    public int RenewalGraceDays { get; init; } = 30;

    /// <summary>Days a regulator has to decide a paid application (the clock stops while information is requested).</summary>
    public int ReviewDays { get; init; } = 30;

    /// <summary>Document kinds a reviewed application must carry before a regulator can approve it.</summary>
    public List<string> RequiredDocuments { get; init; } = [];

    public bool Admits(IEnumerable<string> activityCodes) =>
        EligibleActivityCodes.Count == 0 || activityCodes.Any(EligibleActivityCodes.Contains);
}
