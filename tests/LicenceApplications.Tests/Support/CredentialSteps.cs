using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace LicenceApplications.Tests.Support;

/// <summary>Issuing a licence, fetching its credential, verifying it, and tampering with a compact JWS.</summary>
public static class CredentialSteps
{
    public static async Task<string> CredentialAsync(this HttpClient client, string licence)
    {
        var response = await client.GetAsync($"/api/licences/{licence}/credential");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vc+jwt");
        return body;
    }

    public static async Task<JsonObject> VerifyAsync(this HttpClient client, string credential)
    {
        var response = await client.PostAsJsonAsync("/verify/credentials", new { credential });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static JsonObject Part(string jws, int index) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(jws.Split('.')[index])))!.AsObject();

    /// <summary>Re-encodes one part after <paramref name="change"/>, keeping the original signature.</summary>
    public static string WithPart(string jws, int index, Action<JsonObject> change)
    {
        var parts = jws.Split('.');
        var json = Part(jws, index);
        change(json);
        parts[index] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));
        return string.Join('.', parts);
    }
}
