using Microsoft.AspNetCore.WebUtilities;
using UglyToad.PdfPig;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace LicenceApplications.Tests;

public sealed class CertificateTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Theory]
    [InlineData("en", "Licence certificate", "Active")]
    [InlineData("tk", "Ygtyýarnama şahadatnamasy", "Hereketde")]
    [InlineData("ru", "Свидетельство о лицензии", "Действует")]
    public async Task Certificate_is_one_page_with_the_licence_facts_in_the_requested_language(string lang, string title, string status)
    {
        var (company, licence, owner) = await app.IssueLicenceAsync($"cert-{lang}");

        var (text, _) = await CertificateAsync(owner, $"/api/licences/{licence}/certificate.pdf?lang={lang}");

        text.Should().Contain(title).And.Contain(status).And.Contain(licence).And.Contain(company)
            .And.Contain($"Company {company} LLC").And.Contain("RETAIL-TRADE").And.Contain("http://127.0.0.1:8080");
    }

    [Fact]
    public async Task Accept_language_picks_the_language_when_none_is_asked_and_an_unknown_one_is_a_validation_problem()
    {
        var (_, licence, owner) = await app.IssueLicenceAsync("cert-accept");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/licences/{licence}/certificate.pdf");
        request.Headers.AcceptLanguage.ParseAdd("ru-RU, en;q=0.5");
        var response = await owner.SendAsync(request);

        response.Content.Headers.ContentLanguage.Should().Equal("ru");
        await (await owner.GetAsync($"/api/licences/{licence}/certificate.pdf?lang=de"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task The_qr_code_decodes_to_the_verification_url_whose_credential_verifies_as_the_licence()
    {
        var (_, licence, owner) = await app.IssueLicenceAsync("cert-qr");

        var (_, qr) = await CertificateAsync(owner, $"/api/licences/{licence}/certificate.pdf?lang=en");

        // The portal's page at that address asks POST /verify/credentials, as an anonymous caller does here.
        qr.Should().StartWith("http://127.0.0.1:8080/verify?credential=");
        var credential = QueryHelpers.ParseQuery(new Uri(qr).Query)["credential"].ToString();
        var answer = await app.CreateClient().VerifyAsync(credential);
        answer["signatureValid"]!.GetValue<bool>().Should().BeTrue();
        answer["licenceNumber"]!.GetValue<string>().Should().Be(licence);
        answer["currentStatus"]!.GetValue<string>().Should().Be("Active");
    }

    /// <summary>The page's words (PdfPig) and its one image read as a QR code (ZXing.Net).</summary>
    private static async Task<(string Text, string Qr)> CertificateAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");

        using var pdf = PdfDocument.Open(bytes);
        pdf.NumberOfPages.Should().Be(1);
        var page = pdf.GetPage(1);
        var text = string.Join(" ", page.GetWords().Select(w => w.Text));
        var image = page.GetImages().Should().ContainSingle().Subject;
        image.TryGetBytesAsMemory(out var pixels).Should().BeTrue();
        image.BitsPerComponent.Should().Be(8);
        var source = new RGBLuminanceSource(pixels.ToArray(), image.WidthInSamples, image.HeightInSamples,
            RGBLuminanceSource.BitmapFormat.RGB24);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), QrHints.PureBarcode);
        result.Should().NotBeNull("the certificate's image is a readable QR code");
        return (text, result.Text);
    }
}
