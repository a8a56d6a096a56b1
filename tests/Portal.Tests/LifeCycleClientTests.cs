using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api;
using Portal.Business;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Portal.Tests;

/// <summary>
/// The API calls of the licence's life after issue as the portal makes them (against a stand-in gateway): a file passed
/// on as multipart with its kind, the API's refusals of a file turned into the field's words, a document streamed back.
/// </summary>
public sealed class LifeCycleClientTests : IAsyncDisposable
{
    private static readonly Guid ApplicationId = Guid.Parse("0193a0a0-0000-7000-8000-000000000001");

    private readonly PortalApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_chosen_file_goes_to_the_API_as_multipart_with_its_kind_name_and_bytes()
    {
        _app.Upstream.Given(Request.Create().WithPath($"/api/applications/{ApplicationId}/documents").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody($$"""
                {"documentId":"0193a0a0-0000-7000-8000-0000000000d1","fileName":"plan.pdf","contentType":"application/pdf","size":19,
                 "sha256":"ab","uploadedAt":"2026-11-30T10:00:00Z","kind":"premises-floor-plan"}
                """));
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n% plan\n%%EOF");

        var outcome = await UploadAsync("premises-floor-plan", bytes, "plan.pdf");

        outcome.Document!.DocumentId.Should().Be(Guid.Parse("0193a0a0-0000-7000-8000-0000000000d1"));
        outcome.FieldErrorKey.Should().BeNull();
        var sent = _app.Upstream.LogEntries.Single(e => e.RequestMessage.Path.EndsWith("/documents")).RequestMessage;
        sent.Headers!["Content-Type"].Single().Should().StartWith("multipart/form-data; boundary=");
        sent.Body.Should().Contain("name=kind").And.Contain("premises-floor-plan")
            .And.Contain("name=file").And.Contain("filename=plan.pdf").And.Contain("%PDF-1.7\n% plan\n%%EOF");
    }

    [Theory]
    [InlineData(413, "payload-too-large", null, "Upload_Error_TooLarge")]
    [InlineData(415, "unsupported-media-type", null, "Upload_Error_Type")]
    [InlineData(400, "validation", "file", "Upload_Error_Empty")]
    [InlineData(400, "validation", "kind", "Upload_Error_Kind")]
    [InlineData(409, "too-many-documents", null, "Problem_too-many-documents")]
    [InlineData(409, "invalid-state", null, null)]
    [InlineData(404, "not-found", null, null)]
    public async Task The_APIs_refusal_of_a_file_becomes_the_file_fields_words(int status, string slug, string? field, string? key)
    {
        var errors = field is null ? "" : $$""","errors":{"{{field}}":["no"]}""";
        _app.Upstream.Given(Request.Create().WithPath($"/api/applications/{ApplicationId}/documents").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/problem+json")
                .WithBody($$"""{"type":"https://g2b.example/problems/{{slug}}","title":"t","status":{{status}}{{errors}}}"""));

        var outcome = await UploadAsync("other", [1, 2, 3], "x.bin");

        outcome.Document.Should().BeNull();
        outcome.FieldErrorKey.Should().Be(key);
        outcome.Result.Status.Should().Be(status);
        if (key is not null)
        {
            Words.Of("en").Should().ContainKey(key);
        }
    }

    [Fact]
    public async Task A_file_larger_than_the_gateway_lets_through_is_refused_without_calling_the_API()
    {
        var outcome = await UploadAsync("other", new byte[DocumentUpload.GatewayLimitBytes + 1], "big.pdf");

        outcome.FieldErrorKey.Should().Be(DocumentUpload.TooLarge);
        _app.Upstream.LogEntries.Should().NotContain(e => e.RequestMessage.Path.EndsWith("/documents"));
    }

    [Fact]
    public async Task A_document_is_passed_on_as_it_arrives_with_its_type_and_name()
    {
        var documentId = Guid.NewGuid();
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7 the lease");
        _app.Upstream.Given(Request.Create().WithPath($"/api/applications/{ApplicationId}/documents/{documentId}").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/pdf")
                .WithHeader("Content-Disposition", "attachment; filename=lease.pdf; filename*=UTF-8''%D0%B4%D0%BE%D0%B3%D0%BE%D0%B2%D0%BE%D1%80.pdf")
                .WithBody(bytes));
        using var scope = _app.Factory.Services.CreateScope();
        var suite = scope.ServiceProvider.GetRequiredService<SuiteClient>();

        var file = await suite.OpenFileAsync(api => api.DocumentAsync(ApplicationId, documentId));
        using var opened = file.Value!;
        using var copy = new MemoryStream();
        await opened.Content.CopyToAsync(copy);

        opened.ContentType.Should().Be("application/pdf");
        opened.FileName.Should().Be("договор.pdf");
        copy.ToArray().Should().Equal(bytes);
    }

    [Fact]
    public async Task A_change_of_details_is_a_patch_of_only_the_fields_that_changed()
    {
        _app.Upstream.Given(Request.Create().WithPath("/api/companies/RC-2026-000001-W").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                """{"registrationNumber":"RC-2026-000001-W","legalName":"New","legalForm":"LLC","taxId":"1","address":{"line1":"1","city":"Mary","country":"TM"},"activityCodes":["47.11"],"status":"Active","registeredAt":"2026-11-30T10:00:00Z","licences":[]}"""));
        var company = new CompanyDto("RC-2026-000001-W", "Old name", "LLC", "1", new AddressDto("1 Street", null, "Ashgabat", null, null, "TM"),
            ["47.11"], "Active", DateTimeOffset.UtcNow, []);
        var form = Pages.Business.Companies.CompanyDetailsForm.From(company);
        form.City = " Mary ";
        form.ActivityCodes = ["47.11"];
        using var scope = _app.Factory.Services.CreateScope();
        var suite = scope.ServiceProvider.GetRequiredService<SuiteClient>();

        var changes = form.Changes(company)!;
        var amended = await suite.CallAsync(api => api.AmendCompanyAsync(company.RegistrationNumber, changes));

        amended.Succeeded.Should().BeTrue($"status {amended.Status}");
        var body = System.Text.Json.JsonDocument.Parse(_app.Upstream.LogEntries.Single(e => e.RequestMessage.Method == "PATCH").RequestMessage.Body!).RootElement;
        body.EnumerateObject().Select(p => p.Name).Should().Equal("address");
        body.GetProperty("address").GetProperty("city").GetString().Should().Be("Mary");
        body.GetProperty("address").GetProperty("line1").GetString().Should().Be("1 Street");
        Pages.Business.Companies.CompanyDetailsForm.From(company).Changes(company).Should().BeNull("nothing changed, nothing is sent");
    }

    private async Task<UploadOutcome> UploadAsync(string kind, byte[] bytes, string fileName)
    {
        using var scope = _app.Factory.Services.CreateScope();
        var suite = scope.ServiceProvider.GetRequiredService<SuiteClient>();
        await using var stream = new MemoryStream(bytes);
        var file = new FormFile(stream, 0, bytes.Length, "Upload", fileName) { Headers = new HeaderDictionary(), ContentType = "application/pdf" };
        return await DocumentUpload.SendAsync(suite, ApplicationId, kind, file);
    }
}
