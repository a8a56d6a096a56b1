using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// Hostile document uploads (issue 13) through the gateway: broken multipart, wrong bytes, wrong sizes,
/// too many files. Each gets the problem the contract names, and no document is kept.
/// </summary>
public sealed class BadInputDocumentTests(EndToEndSuite suite) : BadInputTests(suite)
{
    [Fact]
    public async Task Broken_wrong_or_oversized_uploads_get_their_problem_and_keep_nothing()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var path = $"/api/applications/{world.Application.ApplicationId}/documents";
        var failures = new List<string>();
        foreach (var upload in BadInputUploads.Refused())
        {
            var answer = await Probe.SendBytesAsync(HttpMethod.Post, path, world.Business, upload.Body, upload.ContentType, upload.Chunked);
            Collect(failures, upload.Name, () =>
                answer.ShouldBeClientProblem(upload.Status).Slug.Should().Be(upload.Slug, "{0}", answer));
        }

        AllPassed(failures);
        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task A_good_file_from_the_wrong_caller_or_to_the_wrong_application_is_refused()
    {
        var world = await BadInputWorld.GetAsync(Suite);
        var stranger = await new Scenario(Suite).BusinessAsync();
        var upload = BadInputUploads.Multipart(UploadPart.File(BadInputUploads.Pdf()));
        var own = $"/api/applications/{world.Application.ApplicationId}/documents";
        var attempts = new (string Path, string? Token, int Status)[]
        {
            (own, null, 401),
            (own, "not-a-token", 401),
            (own, world.Regulator, 403),
            (own, stranger, 404),
            ($"/api/applications/{BadInputWorld.MissingApplicationId}/documents", world.Business, 404),
            ("/api/applications/not-a-guid/documents", world.Business, 404),
        };
        foreach (var (path, token, status) in attempts)
        {
            (await Probe.SendBytesAsync(HttpMethod.Post, path, token, upload, BadInputUploads.MultipartType)).ShouldBeClientProblem(status);
        }

        await world.ShouldBeUntouchedAsync(Suite);
    }

    [Fact]
    public async Task A_png_named_pdf_is_kept_as_a_png_under_a_bare_name_and_the_twenty_first_document_is_refused()
    {
        var scenario = new Scenario(Suite);
        var (token, _, application) = await scenario.AwaitingPaymentAsync();
        var path = $"/api/applications/{application.ApplicationId}/documents";

        var png = await Probe.SendBytesAsync(HttpMethod.Post, path, token,
            BadInputUploads.Multipart(UploadPart.File(BadInputUploads.Png(), "../../etc/scan.pdf")), BadInputUploads.MultipartType);
        png.Status.Should().Be(201, "{0}", png);
        var stored = JsonDocument.Parse(png.Body).RootElement;
        stored.GetProperty("contentType").GetString().Should().Be("image/png", "the bytes decide, never the name: {0}", png);
        stored.GetProperty("fileName").GetString().Should().Be("scan.pdf", "no path survives: {0}", png);

        for (var i = 1; i < 20; i++)
        {
            var answer = await Probe.SendBytesAsync(HttpMethod.Post, path, token,
                BadInputUploads.Multipart(UploadPart.File(BadInputUploads.Pdf(), $"{i}.pdf")), BadInputUploads.MultipartType);
            answer.Status.Should().Be(201, "document {0} of 20: {1}", i + 1, answer);
        }

        var twentyFirst = await Probe.SendBytesAsync(HttpMethod.Post, path, token,
            BadInputUploads.Multipart(UploadPart.File(BadInputUploads.Pdf(), "21.pdf")), BadInputUploads.MultipartType);
        twentyFirst.ShouldBeClientProblem(409).Slug.Should().Be("too-many-documents");
        (await Suite.Api.Http.GetJsonAsync(path, token)).GetArrayLength().Should().Be(20);
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")]
    public async Task Reading_a_document_that_is_not_there_is_404(string documentId)
    {
        var world = await BadInputWorld.GetAsync(Suite);
        foreach (var token in new[] { world.Business, world.Regulator })
        {
            (await Probe.SendAsync(HttpMethod.Get, $"/api/applications/{world.Application.ApplicationId}/documents/{documentId}", token, null))
                .ShouldBeClientProblem(404);
        }
    }

}
