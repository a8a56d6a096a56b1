namespace LicenceApplications.Api.Domain;

/// <summary>A catalogue entry. Seeded by a migration: the catalogue is data, changed by a migration, not by code.</summary>
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

    public bool Admits(IEnumerable<string> activityCodes) =>
        EligibleActivityCodes.Count == 0 || activityCodes.Any(EligibleActivityCodes.Contains);
}
