using System.Text.Json;

namespace CompanyRegistry.Api.Companies;

public sealed record AddressDto(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country)
{
    public static AddressDto From(Address a) => new(a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country);
}

public sealed record LicenceSummary(string LicenceNumber, string LicenceType, string Status, DateOnly ValidUntil);

/// <summary>The company as every public endpoint returns it (contract: <c>GET /api/companies/{registrationNumber}</c>).</summary>
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
        AddressDto.From(c.Address),
        c.ActivityCodes,
        c.Status.ToString(),
        c.RegisteredAt,
        [.. c.Licences
            .OrderBy(l => l.LicenceNumber, StringComparer.Ordinal)
            .Select(l => new LicenceSummary(l.LicenceNumber, l.LicenceType, l.EffectiveStatus(c.Status), l.ValidUntil))]);
}

public sealed record HistoryEntryResponse(DateTimeOffset At, string Actor, string Action, string? Reason, JsonElement Changes);
