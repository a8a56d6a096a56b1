using System.Text;
using System.Text.Json;

namespace CompanyRegistry.Tests.Support;

public static class Requests
{
    public static object Registration(string legalName, string? taxId = null, string[]? activityCodes = null, string legalForm = "LLC") => new
    {
        legalName,
        legalForm,
        taxId = taxId ?? CompanyRegistryApp.NewTaxId(),
        address = new { line1 = "Magtymguly av. 12", city = "Ashgabat", region = "Ahal", postalCode = "744000", country = "TM" },
        activityCodes = activityCodes ?? ["47.11"],
    };

    /// <summary>Registers and returns the company; fails the test unless the registry answers 201.</summary>
    public static async Task<CompanyBody> RegisterAsync(this HttpClient client, string legalName, string? taxId = null, string[]? activityCodes = null) =>
        await (await client.PostAsJsonAsync("/api/companies", Registration(legalName, taxId, activityCodes))).ReadAsync<CompanyBody>(HttpStatusCode.Created);

    /// <summary>Registers one company per name, in this order (search ranks ties by registration order).</summary>
    public static async Task RegisterAllAsync(this HttpClient client, params string[] legalNames)
    {
        foreach (var legalName in legalNames)
        {
            await client.RegisterAsync(legalName);
        }
    }

    /// <summary>PATCH /api/companies/{number} with exactly this JSON text, so a test controls nulls, types and absent members.</summary>
    public static Task<HttpResponseMessage> AmendAsync(
        this HttpClient client, string registrationNumber, string json, string mediaType = "application/merge-patch+json") =>
        client.PatchAsync($"/api/companies/{registrationNumber}", new StringContent(json, Encoding.UTF8, mediaType));

    /// <summary>PATCH with an object serialised as the web does (camelCase; a null property is sent as null).</summary>
    public static Task<HttpResponseMessage> AmendAsync(this HttpClient client, string registrationNumber, object body) =>
        client.AmendAsync(registrationNumber, JsonSerializer.Serialize(body, JsonSerializerOptions.Web), "application/json");

    /// <summary>Asserts the status (showing the body when it differs) and reads the body strictly as <typeparamref name="T"/>.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        return JsonSerializer.Deserialize<T>(body, Bodies.Strict)!;
    }

    public static async Task<CompanyBody> CompanyAsync(this HttpClient client, string registrationNumber) =>
        await (await client.GetAsync($"/api/companies/{registrationNumber}")).ReadAsync<CompanyBody>();

    public static async Task<List<HistoryEntryBody>> HistoryAsync(this HttpClient client, string registrationNumber) =>
        await (await client.GetAsync($"/api/companies/{registrationNumber}/history")).ReadAsync<List<HistoryEntryBody>>();

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>Asserts a problem+json with the contract's slug.</summary>
    public static async Task<ProblemBody> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = JsonSerializer.Deserialize<ProblemBody>(body, Bodies.Lenient)!;
        problem.Type.Should().Be($"https://g2b.example/problems/{slug}");
        problem.Status.Should().Be((int)status);
        return problem;
    }
}
