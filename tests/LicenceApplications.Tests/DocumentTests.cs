using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace LicenceApplications.Tests;

/// <summary>Issue 13, documents: recognised by their bytes, limited in size and number, stored with their hash, downloaded as attachments.</summary>
public sealed class DocumentTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("png", "image/png")]
    [InlineData("jpeg", "image/jpeg")]
    public async Task A_file_is_recognised_by_its_bytes_whatever_its_name_and_declared_type(string kind, string contentType)
    {
        var (_, id, owner) = await app.ApplyAsync($"doc-a-{kind}", "PHARMACY");
        var bytes = kind switch { "pdf" => DocumentSteps.Pdf(), "png" => DocumentSteps.Png(), _ => DocumentSteps.Jpeg() };

        var response = await owner.UploadAsync(id, bytes, "photo.exe", "pharmacist-diploma", declaredType: "text/html");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body.GetProperty("contentType").GetString().Should().Be(contentType);
        body.GetProperty("fileName").GetString().Should().Be("photo.exe");
        body.GetProperty("size").GetInt64().Should().Be(bytes.Length);
        body.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        body.GetProperty("kind").GetString().Should().Be("pharmacist-diploma");
        body.GetProperty("uploadedAt").GetDateTimeOffset().Should().BeCloseTo(app.Clock.GetUtcNow(), TimeSpan.FromSeconds(1));
        response.Headers.Location!.ToString().Should().Be($"/api/applications/{id}/documents/{body.GetProperty("documentId").GetGuid()}");
    }

    [Fact]
    public async Task A_multi_chunk_file_downloads_byte_for_byte_as_an_attachment_for_the_owner_and_regulators_only()
    {
        var (_, id, owner) = await app.ApplyAsync("doc-b", "PHARMACY");
        var bytes = DocumentSteps.Pdf(700_000);
        var documentId = await owner.UploadOkAsync(id, "premises-floor-plan", bytes);

        foreach (var reader in new[] { owner, app.Regulator() })
        {
            var download = await reader.GetAsync($"/api/applications/{id}/documents/{documentId}");
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            (await download.Content.ReadAsByteArrayAsync()).Should().Equal(bytes);
            download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
            download.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
            download.Content.Headers.ContentDisposition.FileNameStar.Should().Be("scan.pdf");
            download.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        }

        await (await app.Business("doc-stranger").GetAsync($"/api/applications/{id}/documents/{documentId}"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await owner.GetAsync($"/api/applications/{id}/documents/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.ScalarAsync($"SELECT count(*) FROM document_chunks WHERE document_id = '{documentId}'")).Should().Be(3);
    }

    [Fact]
    public async Task Anything_but_pdf_png_or_jpeg_is_refused_and_nothing_is_kept()
    {
        var (_, id, owner) = await app.ApplyAsync("doc-c", "PHARMACY");

        var text = await owner.UploadAsync(id, "%!PS-Adobe-3.0 not a pdf"u8.ToArray(), "fake.pdf", declaredType: "application/pdf");
        var empty = await owner.UploadAsync(id, [], "empty.pdf");

        await text.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await app.ScalarAsync($"SELECT count(*) FROM application_documents WHERE application_id = '{id}'")).Should().Be(0);
    }

    [Fact]
    public async Task A_file_over_ten_megabytes_is_413_and_leaves_no_chunks()
    {
        var (_, id, owner) = await app.ApplyAsync("doc-d", "PHARMACY");

        var response = await owner.UploadAsync(id, DocumentSteps.Pdf(10 * 1024 * 1024 + 1));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        (await app.ScalarAsync($"SELECT count(*) FROM application_documents WHERE application_id = '{id}'")).Should().Be(0);
        (await owner.UploadAsync(id, DocumentSteps.Pdf(10 * 1024 * 1024))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task An_application_takes_twenty_documents_at_most()
    {
        var (_, id, owner) = await app.ApplyAsync("doc-e", "PHARMACY");
        await Task.WhenAll(Enumerable.Range(0, 22).Select(_ => owner.UploadAsync(id, DocumentSteps.Png(64))));

        (await app.ScalarAsync($"SELECT count(*) FROM application_documents WHERE application_id = '{id}'")).Should().Be(20);
        await (await owner.UploadAsync(id, DocumentSteps.Png(64))).AssertProblemAsync(HttpStatusCode.Conflict, "too-many-documents");
        var listed = await owner.GetJsonAsync($"/api/applications/{id}/documents");
        listed.GetArrayLength().Should().Be(20);
    }

    [Fact]
    public async Task The_kind_is_a_required_document_of_the_type_or_other_sent_before_or_after_the_file()
    {
        var (_, id, owner) = await app.ApplyAsync("doc-f", "PHARMACY");

        var after = await owner.UploadAsync(id, DocumentSteps.Pdf(), kind: "premises-floor-plan", kindAfterFile: true);
        // Listed in upload order.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var none = await owner.UploadAsync(id, DocumentSteps.Pdf());
        var wrong = await owner.UploadAsync(id, DocumentSteps.Pdf(), kind: "passport");

        (await after.ReadJsonAsync()).GetProperty("kind").GetString().Should().Be("premises-floor-plan");
        (await none.ReadJsonAsync()).GetProperty("kind").GetString().Should().Be("other");
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await owner.GetJsonAsync($"/api/applications/{id}/documents")).EnumerateArray().Select(d => d.GetProperty("kind").GetString())
            .Should().Equal("premises-floor-plan", "other");
    }

    [Fact]
    public async Task Only_the_owner_uploads_with_multipart_and_not_to_a_settled_application()
    {
        var (_, id, owner) = await app.ApplyAsync("doc-g", "RETAIL-TRADE");

        await (await app.Business("doc-stranger").UploadAsync(id, DocumentSteps.Pdf())).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.Regulator().UploadAsync(id, DocumentSteps.Pdf())).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var json = await owner.PostAsync($"/api/applications/{id}/documents", new StringContent("{}", new MediaTypeHeaderValue("application/json")));
        await json.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        var noFile = new MultipartFormDataContent { { new StringContent("other"), "kind" } };
        await (await owner.PostAsync($"/api/applications/{id}/documents", noFile)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");

        await app.PayAsync(id);
        await (await owner.UploadAsync(id, DocumentSteps.Pdf())).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-state");
        (await app.Regulator().GetJsonAsync($"/api/applications/{id}/documents")).GetArrayLength().Should().Be(0);
    }
}
