using System.Text.Json;

namespace CompanyRegistry.Tests.Support;

/// <summary>What amendment tests read back: the company-amended events, the stored version, search hits.</summary>
public static class Amendments
{
    public static async Task<List<CompanyAmendedEventBody>> AmendedEventsAsync(this CompanyRegistryApp app, string registrationNumber) =>
        [.. (await app.OutboxAsync("company-amended"))
            .Select(e => e.Deserialize<CompanyAmendedEventBody>(Bodies.Strict)!)
            .Where(e => e.RegistrationNumber == registrationNumber)];

    public static Task<long> VersionAsync(this CompanyRegistryApp app, string registrationNumber) =>
        app.ScalarAsync("SELECT version FROM companies WHERE registration_number = $1", registrationNumber);

    public static async Task<List<string>> SearchNamesAsync(this CompanyRegistryApp app, string query) =>
        [.. (await (await app.Regulator().GetAsync($"/api/companies?{query}")).ReadAsync<CompanyPageBody>()).Items.Select(c => c.LegalName)];
}
