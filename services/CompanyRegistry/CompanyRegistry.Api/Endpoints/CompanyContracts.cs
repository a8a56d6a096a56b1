using CompanyRegistry.Api.Domain;

namespace CompanyRegistry.Api.Endpoints;

public sealed record AddressDto(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

public sealed record RegisterCompanyRequest(
    string? LegalName, string? LegalForm, string? TaxId, AddressDto? Address, List<string?>? ActivityCodes,
    string? ContactEmail = null, string? PreferredLanguage = null);

public sealed record StatusChangeRequest(string? Reason);

public sealed record LicenceSummary(string LicenceNumber, string LicenceType, string Status, DateOnly ValidUntil);

public sealed record CompanyResponse(
    string RegistrationNumber,
    string LegalName,
    string LegalForm,
    string TaxId,
    AddressDto Address,
    IReadOnlyList<string> ActivityCodes,
    string Status,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<LicenceSummary> Licences)
{
    public static CompanyResponse From(Company c) => new(
        c.RegistrationNumber,
        c.LegalName,
        c.LegalForm.ToString(),
        c.TaxId,
        new AddressDto(c.Address.Line1, c.Address.Line2, c.Address.City, c.Address.Region, c.Address.PostalCode, c.Address.Country),
        c.ActivityCodes,
        c.Status.ToString(),
        c.RegisteredAt,
        [.. c.Licences
            .OrderBy(l => l.LicenceNumber, StringComparer.Ordinal)
            .Select(l => new LicenceSummary(l.LicenceNumber, l.LicenceType, l.EffectiveStatus(c.Status), l.ValidUntil))]);
}

public sealed record CompanyPage(IReadOnlyList<CompanyResponse> Items, string? NextCursor);

public sealed record HistoryEntryResponse(DateTimeOffset At, string Actor, string Action, string? Reason, System.Text.Json.JsonElement Changes);

/// <summary>One NACE class; division and group (additions to the contract) place it in the hierarchy.</summary>
public sealed record ActivityCodeResponse(
    string Code, string Name, string Section, string SectionName, string Division, string DivisionName, string Group, string GroupName);
