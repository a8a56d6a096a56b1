using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LicenceApplications.Tests.Support;

/// <summary>Files to upload (real signatures, filler after them) and the multipart upload the API takes.</summary>
public static class DocumentSteps
{
    public static readonly string[] PharmacyDocuments = ["pharmacist-diploma", "premises-floor-plan"];

    public static byte[] Pdf(int size = 2048) => Filled(Encoding.ASCII.GetBytes("%PDF-1.7\n%\u00e2\u00e3\n"), size);

    public static byte[] Png(int size = 2048) => Filled([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], size);

    public static byte[] Jpeg(int size = 2048) => Filled([0xFF, 0xD8, 0xFF, 0xE0], size);

    /// <summary>Bytes that differ along the file, so a chunk written twice or out of order changes the hash.</summary>
    private static byte[] Filled(byte[] signature, int size)
    {
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i * 31 + i / 251);
        }

        signature.CopyTo(bytes, 0);
        return bytes;
    }

    public static Task<HttpResponseMessage> UploadAsync(
        this HttpClient client, Guid applicationId, byte[] content, string fileName = "scan.pdf", string? kind = null,
        string declaredType = "application/octet-stream", bool kindAfterFile = false)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        if (kind is not null && !kindAfterFile)
        {
            form.Add(new StringContent(kind), "kind");
        }

        form.Add(file, "file", fileName);
        if (kind is not null && kindAfterFile)
        {
            form.Add(new StringContent(kind), "kind");
        }

        return client.PostAsync($"/api/applications/{applicationId}/documents", form);
    }

    public static async Task<Guid> UploadOkAsync(this HttpClient client, Guid applicationId, string kind, byte[]? content = null)
    {
        var response = await client.UploadAsync(applicationId, content ?? Pdf(), kind: kind);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("documentId").GetGuid();
    }

    public static async Task UploadRequiredAsync(this HttpClient client, Guid applicationId, params string[] kinds)
    {
        foreach (var kind in kinds)
        {
            await client.UploadOkAsync(applicationId, kind);
        }
    }
}
