using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CompanyRegistry.Tests.Support;

public static class Requests
{
    public static object Registration(string legalName, string? taxId = null, string[]? activityCodes = null, string legalForm = "LLC") => new
    {
        legalName,
        legalForm,
        taxId = taxId ?? RegistryApp.NewTaxId(),
        address = new { line1 = "Magtymguly av. 12", city = "Ashgabat", region = "Ahal", postalCode = "744000", country = "TM" },
        activityCodes = activityCodes ?? ["47.11"],
    };

    /// <summary>Registers and returns the response body; fails the test unless the registry answers 201.</summary>
    public static async Task<JsonElement> RegisterAsync(this HttpClient client, string legalName, string? taxId = null, string[]? activityCodes = null)
    {
        var response = await client.PostAsJsonAsync("/api/companies", Registration(legalName, taxId, activityCodes));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;

    /// <summary>Asserts a problem+json with the contract's slug.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var json = JsonDocument.Parse(body).RootElement.Clone();
        json.Str("type").Should().Be($"https://g2b.example/problems/{slug}");
        return json;
    }

    /// <summary>What the sidecar sends: a CloudEvent whose data is the integration event.</summary>
    public static Task<HttpResponseMessage> DeliverAsync(this HttpClient client, string topic, object evt)
    {
        var envelope = new
        {
            specversion = "1.0",
            id = Guid.NewGuid().ToString(),
            source = "licence-applications",
            type = "com.dapr.event.sent",
            datacontenttype = "application/json",
            topic,
            pubsubname = "pubsub",
            data = evt,
        };
        var content = new StringContent(JsonSerializer.Serialize(envelope, JsonSerializerOptions.Web), Encoding.UTF8, "application/cloudevents+json");
        return client.PostAsync($"/events/{topic}", content);
    }
}
