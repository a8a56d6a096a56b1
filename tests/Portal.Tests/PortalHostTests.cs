using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Tests;

/// <summary>The portal's own behaviour that needs no signed-in person: languages, headers, errors, the sign-in redirect.</summary>
public sealed partial class PortalHostTests : IAsyncDisposable
{
    private readonly PortalApp _app = new();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Theory]
    [InlineData("en", "Register your company and get a licence")]
    [InlineData("tk-TM,tk;q=0.9", "Kärhanaňyzy bellige alyň we ygtyýarnama alyň")]
    [InlineData("ru-RU,ru;q=0.9,en;q=0.5", "Зарегистрируйте компанию и получите лицензию")]
    [InlineData("de-DE", "Register your company and get a licence")]
    public async Task The_start_page_speaks_the_browsers_language(string acceptLanguage, string heading)
    {
        var html = await _app.Client(acceptLanguage).GetStringAsync("/");

        H1(html).Should().Be(heading);
        html.Should().Contain($"<html lang=\"{(acceptLanguage.StartsWith("de") ? "en" : acceptLanguage[..2])}\"");
    }

    [Fact]
    public async Task A_chosen_language_is_remembered_in_a_cookie_and_beats_the_browsers()
    {
        var client = _app.Client("en");
        var (token, antiforgeryCookie) = await AntiforgeryAsync(client);

        using var choose = new HttpRequestMessage(HttpMethod.Post, "/language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__af"] = token, ["language"] = "tk", ["returnUrl"] = "/?x=1" }),
        };
        choose.Headers.Add("Cookie", antiforgeryCookie);
        using var chosen = await client.SendAsync(choose);

        chosen.StatusCode.Should().Be(HttpStatusCode.Redirect);
        chosen.Headers.Location!.ToString().Should().Be("/?x=1");
        var cookie = chosen.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture="));
        cookie.Should().Contain("httponly").And.Contain("samesite=lax");
        using var next = new HttpRequestMessage(HttpMethod.Get, "/");
        next.Headers.Add("Cookie", cookie.Split(';')[0]);
        H1(await (await client.SendAsync(next)).Content.ReadAsStringAsync()).Should().Be("Kärhanaňyzy bellige alyň we ygtyýarnama alyň");
    }

    [Fact]
    public async Task The_language_switch_never_sends_a_person_to_another_site()
    {
        var client = _app.Client();
        var (token, antiforgeryCookie) = await AntiforgeryAsync(client);
        using var choose = new HttpRequestMessage(HttpMethod.Post, "/language")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__af"] = token, ["language"] = "ru", ["returnUrl"] = "https://evil.example/phish",
            }),
        };
        choose.Headers.Add("Cookie", antiforgeryCookie);

        using var chosen = await client.SendAsync(choose);

        chosen.Headers.Location!.ToString().Should().Be("/");
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_with_a_page_not_a_500()
    {
        using var response = await _app.Client("ru").PostAsync("/language",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["language"] = "tk" }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        H1(await response.Content.ReadAsStringAsync()).Should().Be("Извините, запрос непонятен");
    }

    [Theory]
    [InlineData("/no/such/page", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/applications/not-a-guid", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/error/403", HttpStatusCode.Forbidden, "You cannot see this page")]
    public async Task Errors_are_pages_in_plain_words(string path, HttpStatusCode status, string heading)
    {
        using var response = await _app.Client("en").GetAsync(path);

        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        H1(html).Should().Be(heading);
        html.Should().NotContain("Exception").And.NotContain("\"type\":");
    }

    [Fact]
    public async Task Every_page_forbids_inline_script_and_framing()
    {
        using var response = await _app.Client().GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.Contain("style-src 'self'").And.Contain("frame-ancestors 'none'")
            .And.NotContain("unsafe-inline").And.NotContain("unsafe-eval");
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        var html = await response.Content.ReadAsStringAsync();
        InlineScript().IsMatch(html).Should().BeFalse("every script is a file of the portal's");
        html.Should().NotContain(" style=");
    }

    [Fact]
    public async Task A_business_page_without_a_session_starts_sign_in_with_the_code_flow_and_PKCE()
    {
        using var response = await _app.Client("tk").GetAsync("/dashboard");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be(_app.Upstream.Url + "/dev/connect/authorize");
        var query = QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().Should().Be("portal");
        query["response_type"].ToString().Should().Be("code");
        query["code_challenge_method"].ToString().Should().Be("S256");
        query["code_challenge"].ToString().Should().NotBeEmpty();
        query["scope"].ToString().Split(' ').Should().BeEquivalentTo("openid", "profile", "roles", "offline_access", "g2b-api");
        query["redirect_uri"].ToString().Should().EndWith("/signin-oidc");
        query["ui_locales"].ToString().Should().Be("tk");
        // The browser keeps the flow's state in cookies it can send back on the top-level redirect.
        response.Headers.GetValues("Set-Cookie").Should().OnlyContain(c => c.Contains("samesite=lax") && c.Contains("httponly"));
    }

    [Fact]
    public async Task A_forged_sign_in_callback_sends_the_person_back_to_the_start_page_with_a_message()
    {
        var client = _app.Client();

        using var response = await client.GetAsync("/signin-oidc?code=stolen&state=forged");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/?signin=failed");
        H1(await client.GetStringAsync("/?signin=failed")).Should().Be("Register your company and get a licence");
        (await client.GetStringAsync("/?signin=failed")).Should().Contain("Signing in did not finish");
    }

    [Fact]
    public async Task The_API_client_calls_the_gateway_and_reads_problems_as_the_pages_need_them()
    {
        _app.Upstream.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/licence-types").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody(
                """[{"code":"RETAIL-TRADE","name":"Retail trade licence","fee":500.00,"currency":"TMT","validityMonths":12,"requiresReview":false,"eligibleActivityCodes":["47.11"],"added":"ignored"}]"""));
        _app.Upstream.Given(WireMock.RequestBuilders.Request.Create().WithPath("/api/companies/REG-X").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/problem+json")
                .WithBody("""{"type":"https://g2b.example/problems/not-found","title":"Not found.","status":404}"""));
        using var scope = _app.Factory.Services.CreateScope();
        var suite = scope.ServiceProvider.GetRequiredService<Portal.Api.SuiteClient>();

        var types = await suite.CallAsync(api => api.LicenceTypesAsync());
        var missing = await suite.CallAsync(api => api.CompanyAsync("REG-X"));

        types.Succeeded.Should().BeTrue($"status {types.Status}");
        types.Value!.Single().Should().BeEquivalentTo(new { Code = "RETAIL-TRADE", Fee = 500.00m, EligibleActivityCodes = new[] { "47.11" } });
        missing.Refused.Should().BeTrue();
        missing.Problem!.Slug.Should().Be("not-found");
    }

    private static async Task<(string Token, string Cookie)> AntiforgeryAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/");
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("g2b.portal.af=")).Split(';')[0];
        return (token, cookie);
    }

    private static string H1(string html) => System.Net.WebUtility.HtmlDecode(Heading().Match(html).Groups[1].Value.Trim());

    [GeneratedRegex(@"<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"name=""__af"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
