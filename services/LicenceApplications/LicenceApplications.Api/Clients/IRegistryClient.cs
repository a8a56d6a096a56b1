using Refit;

namespace LicenceApplications.Api.Clients;

/// <summary>The registry's public company endpoint, called with the caller's own token (so the registry judges ownership).</summary>
public interface IRegistryClient
{
    [Get("/api/companies/{registrationNumber}")]
    Task<IApiResponse<RegistryCompany>> GetCompanyAsync(string registrationNumber, CancellationToken ct = default);
}

/// <summary>The part of the registry's company representation this service needs.</summary>
public sealed record RegistryCompany(
    string RegistrationNumber,
    string LegalName,
    IReadOnlyList<string> ActivityCodes,
    string Status);

/// <summary>Refit 16 generates the client; its JSON comes from this source-generated context (web naming, case-insensitive).</summary>
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[System.Text.Json.Serialization.JsonSerializable(typeof(RegistryCompany))]
internal sealed partial class RegistryJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
