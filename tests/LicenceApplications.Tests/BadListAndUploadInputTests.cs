using System.Net.Http.Headers;
using System.Text;

namespace LicenceApplications.Tests;

/// <summary>
/// Bad input the end-to-end sweep found answered with a 500 or a 200: broken multipart framing, enum
/// values that are comma lists or numbers, licence cursors this list never handed out.
/// </summary>
public sealed class BadListAndUploadInputTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private const string Boundary = "b0undary";

    [Theory]
    [InlineData("another boundary than declared", "--other\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\r\n--other--\r\n")]
    [InlineData("no closing boundary", "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.7\r\n")]
    [InlineData("empty body", "")]
    [InlineData("17 part headers", "--b0undary\r\n{headers}\r\n\r\n%PDF-1.7\r\n--b0undary--\r\n")]
    [InlineData("a 20 KB part header", "--b0undary\r\nX-Padding: {padding}\r\n\r\n%PDF-1.7\r\n--b0undary--\r\n")]
    public async Task A_broken_multipart_body_is_a_validation_problem_and_keeps_nothing(string name, string body)
    {
        var owner = app.Business($"upload-{name.GetHashCode():x}");
        var company = await app.RegisterCompanyAsync($"upload-{name.GetHashCode():x}");
        var id = await owner.SubmitIdAsync(company, "RETAIL-TRADE");
        var bytes = Encoding.UTF8.GetBytes(body
            .Replace("{headers}", string.Join("\r\n", Enumerable.Range(0, 17).Select(i => $"X-H{i}: {i}")), StringComparison.Ordinal)
            .Replace("{padding}", new string('a', 20_000), StringComparison.Ordinal));
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");

        var response = await owner.PostAsync($"/api/applications/{id}/documents", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        (await app.ScalarAsync($"SELECT count(*) FROM application_documents WHERE application_id = '{id}'")).Should().Be(0);
    }

    [Theory]
    [InlineData("/api/applications?status=Issued,Rejected")]
    [InlineData("/api/applications?status=1,2")]
    [InlineData("/api/applications?status=2")]
    [InlineData("/api/licences?status=Active,Suspended")]
    [InlineData("/api/licences?status=0,1")]
    [InlineData("/api/licences?status=1")]
    public async Task A_status_filter_is_one_status_name_not_a_number_or_a_list(string path)
    {
        var response = await app.Regulator().GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task The_licence_list_pages_with_its_own_cursors_and_refuses_any_other()
    {
        var owner = app.Business("cursor-owner");
        var first = await app.IssueLicenceAsync("cursor-owner");
        var second = await app.IssueLicenceAsync("cursor-owner");

        var page = await owner.GetJsonAsync("/api/licences?limit=1");
        var cursor = page.GetProperty("nextCursor").GetString();
        var next = await owner.GetJsonAsync($"/api/licences?limit=1&cursor={Uri.EscapeDataString(cursor!)}");

        new[] { page, next }.Select(p => p.GetProperty("items")[0].GetProperty("licenceNumber").GetString())
            .Should().BeEquivalentTo([first.Licence, second.Licence]);
        foreach (var bad in new[] { "garbage", "eyJ4IjoxfQ", "0000000000", $"{cursor}%0A", $"{cursor}x", "%E2%80%AE" })
        {
            await (await owner.GetAsync($"/api/licences?cursor={bad}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        }
    }
}
