using Refit;

namespace LicenceApplications.Api.Clients;

/// <summary>
/// The registry's internal company endpoints (not routed by the gateway). The public
/// <c>GET /api/companies/{n}</c> shows any company to a regulator and hides the owner, so it cannot
/// prove ownership; these answer with the registry's recorded owner and version, and this service
/// compares the owner with the caller itself.
/// </summary>
public interface IRegistryClient
{
    /// <summary>Called with the caller's own token (forwarded); any authenticated caller gets the facts.</summary>
    [Get("/internal/companies/{registrationNumber}")]
    Task<IApiResponse<RegistryCompany>> GetCompanyAsync(string registrationNumber, CancellationToken ct = default);

    /// <summary>Status and version only: what the issue-time check needs, also from event handlers that have no caller.</summary>
    [Get("/internal/companies/{registrationNumber}/status")]
    Task<IApiResponse<RegistryCompanyStatus>> GetStatusAsync(string registrationNumber, CancellationToken ct = default);
}

/// <summary>The part of the registry's company representation this service needs.</summary>
public sealed record RegistryCompany(
    string RegistrationNumber,
    string LegalName,
    string OwnerSubject,
    IReadOnlyList<string> ActivityCodes,
    string Status,
    long Version);

public sealed record RegistryCompanyStatus(string RegistrationNumber, string Status, long Version);

/// <summary>Refit 16 generates the client; its JSON comes from this source-generated context (web naming, case-insensitive).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(RegistryCompany))]
[System.Text.Json.Serialization.JsonSerializable(typeof(RegistryCompanyStatus))]
internal sealed partial class RegistryJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
