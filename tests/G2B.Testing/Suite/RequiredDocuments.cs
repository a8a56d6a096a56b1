using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2B.Journey;

namespace G2B.Testing.Suite;

/// <summary>What a regulator needs before approving a type with review: each required document, uploaded by the owner.</summary>
public static class RequiredDocuments
{
    /// <summary>One small PDF per document kind the type requires, uploaded through the gateway as the owner.</summary>
    public static async Task UploadRequiredDocumentsAsync(this SuiteApi api, string token, Guid applicationId, string typeCode)
    {
        var types = await api.Http.GetFromJsonAsync<JsonElement>("/api/licence-types");
        var kinds = types.EnumerateArray().Single(t => t.GetProperty("code").GetString() == typeCode)
            .GetProperty("requiredDocuments").EnumerateArray().Select(k => k.GetString()!).ToList();
        if (kinds.Count == 0)
        {
            throw new InvalidOperationException($"{typeCode} names no required documents: a type with review should.");
        }

        foreach (var kind in kinds)
        {
            using var form = new MultipartFormDataContent
            {
                { new StringContent(kind), "kind" },
                { new ByteArrayContent(Encoding.ASCII.GetBytes($"%PDF-1.7\n% {kind}\n%%EOF\n")), "file", $"{kind}.pdf" },
            };
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{applicationId}/documents") { Content = form };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await api.Http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException(
                    $"Uploading {kind} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
