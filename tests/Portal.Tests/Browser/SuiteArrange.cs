using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using G2B.Journey;
using G2B.Testing;
using Npgsql;

namespace Portal.Tests.Browser;

/// <summary>
/// What a browser test needs in place before the person opens a page, done through the API (as that person, or a
/// regulator) and, for time that cannot pass in a test, in the service's own database: a review past its deadline, a
/// licence near its end.
/// </summary>
internal sealed class SuiteArrange(PortalSuite suite)
{
    public const string Regulator = "portal-tests-regulator";

    /// <summary>
    /// The subject the development identity provider gives a typed-in name (tools/G2B.DevIdentity, People.Typed: a
    /// digest of the name in lower case), so the API can prepare what that person then sees in the browser.
    /// </summary>
    public static string SubjectOf(string name) =>
        "person-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name.ToLowerInvariant())))[..20];

    /// <summary>A name for a person of a test, unique to the run, with single spaces (as the provider keeps it).</summary>
    public static string Person(string first) => $"{first} {Guid.NewGuid():N}"[..(first.Length + 13)];

    public Task<string> TokenAsync(string subject, string role = "business") => suite.Api.TokenAsync(subject, role);

    /// <summary>
    /// A business person of the test (a name unique to the run, as they will type it at sign-in), their API token, and
    /// a company of theirs whose name begins with <paramref name="companyName"/>.
    /// </summary>
    public async Task<(string Name, string Token, Company Company)> BusinessWithCompanyAsync(string person, string companyName)
    {
        var name = Person(person);
        var token = await TokenAsync(SubjectOf(name));
        return (name, token, await CompanyAsync(token, companyName));
    }

    /// <summary>A company (retail, NACE 47.11; its name begins with <paramref name="name"/>) of the owner's.</summary>
    public async Task<Company> CompanyAsync(string ownerToken, string name = "Berkarar Söwda")
    {
        var unique = new string([.. Enumerable.Range(0, 8).Select(_ => (char)('a' + Random.Shared.Next(26)))]);
        return await suite.Api.RegisterCompanyAsync(ownerToken, LicenceJourney.NewCompany("47.11") with { LegalName = $"{name} {unique}" });
    }

    /// <summary>An application of the company's for the type, paid at the demo bank; waits until it reaches <paramref name="status"/>.</summary>
    public async Task<Application> PaidApplicationAsync(string ownerToken, string registrationNumber, string type, string status)
    {
        var application = await suite.Api.ApplyAsync(ownerToken, registrationNumber, type, Guid.NewGuid().ToString());
        application = await Eventually.UntilAsync(
            c => suite.Api.GetApplicationAsync(ownerToken, application.ApplicationId, c), a => a.PaymentReference is not null,
            "the invoice's payment reference", TimeSpan.FromSeconds(60));
        (await suite.Bank.PayAsync(application.PaymentReference!)).Answer.Status.Should().Be("accepted");
        return await StatusAsync(ownerToken, application.ApplicationId, status);
    }

    /// <summary>An issued licence of the company's (a type without review, paid at the demo bank): its number.</summary>
    public async Task<string> IssuedLicenceAsync(string ownerToken, string registrationNumber, string type = "RETAIL-TRADE")
    {
        var application = await PaidApplicationAsync(ownerToken, registrationNumber, type, "Issued");
        return (await Eventually.UntilAsync(c => suite.Api.GetApplicationAsync(ownerToken, application.ApplicationId, c),
            a => a.LicenceNumber is not null, "the licence number", TimeSpan.FromSeconds(60))).LicenceNumber!;
    }

    /// <summary>The company's applications as its owner reads them from the API, raw (the fields the journey's models leave out).</summary>
    public async Task<IReadOnlyList<JsonElement>> ApplicationsAsync(string ownerToken, string registrationNumber)
    {
        using var response = await suite.Api.SendRawAsync(HttpMethod.Get,
            $"/api/applications?registrationNumber={Uri.EscapeDataString(registrationNumber)}", ownerToken, null);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray()];
    }

    public Task<Application> StatusAsync(string token, Guid applicationId, string status) =>
        Eventually.UntilAsync(c => suite.Api.GetApplicationAsync(token, applicationId, c), a => a.Status == status,
            $"the application {status}", TimeSpan.FromSeconds(60));

    /// <summary>One document uploaded by the owner, as a client of the API would.</summary>
    public async Task<Guid> UploadAsync(string ownerToken, Guid applicationId, string kind, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new ByteArrayContent(bytes), "file", fileName },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{applicationId}/documents") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ownerToken);
        using var response = await suite.Api.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentId").GetGuid();
    }

    /// <summary>A regulator's call to the API that must succeed (a question, a decision).</summary>
    public async Task RegulatorPostsAsync(string path, object body, string regulator = Regulator)
    {
        var token = await TokenAsync(regulator, "regulator");
        using var response = await suite.Api.SendRawAsync(HttpMethod.Post, path, token, body);
        response.IsSuccessStatusCode.Should().BeTrue($"POST {path}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The review deadline passed a day ago (no test can wait the type's review days).</summary>
    public Task MakeOverdueAsync(Guid applicationId) =>
        ExecuteAsync("UPDATE applications SET review_due_at = now() - interval '1 day' WHERE id = @id", ("id", applicationId));

    /// <summary>
    /// The licence (just issued) ends on <paramref name="validUntil"/>, as if issued that long ago: no test can wait most
    /// of a year for its renewal window. Its history's issue entry says the same.
    /// </summary>
    public async Task EndLicenceOnAsync(string licenceNumber, DateOnly validUntil)
    {
        await ExecuteAsync("UPDATE licences SET valid_until = @until WHERE licence_number = @number", ("until", validUntil), ("number", licenceNumber));
        await ExecuteAsync("UPDATE licence_history SET valid_until = @until WHERE licence_number = @number AND cause = 'issued'",
            ("until", validUntil), ("number", licenceNumber));
    }

    /// <summary>What the registry holds for the company's notice mails (the API never shows it): address and language.</summary>
    public async Task<(string? Email, string Language)> NoticeContactAsync(string registrationNumber)
    {
        await using var connection = new NpgsqlConnection(suite.Host.Postgres.ConnectionString("registry"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT contact_email, preferred_language FROM companies WHERE registration_number = @number", connection);
        command.Parameters.AddWithValue("number", registrationNumber);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue(registrationNumber);
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetString(1));
    }

    /// <summary>A small PDF, as the API recognises PDF: by its first bytes.</summary>
    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes($"%PDF-1.7\n% {text}\n%%EOF\n");

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(suite.Host.Postgres.ConnectionString("applications"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        (await command.ExecuteNonQueryAsync()).Should().Be(1, sql);
    }
}
