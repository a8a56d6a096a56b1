using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests;

/// <summary>The sign-in page: who can be picked, typing a name, the language, what a screen reader gets.</summary>
public sealed class SignInPageTests : DevIdentityHostTests
{
    [Fact]
    public async Task The_page_offers_the_demo_people_and_a_labelled_form_and_no_script()
    {
        var page = await new PortalClient(Host.CreateClient()).OpenSignInAsync();

        page.Html.Should().Contain("<html lang=\"en\"")
            .And.Contain("Aylar Berdiyeva, business").And.Contain("Dovlet Annayev, business")
            .And.Contain("Merdan Orazov, regulator").And.Contain("Gulnara Saparova, regulator")
            .And.Contain("continue to Test portal")
            .And.Contain("<label for=\"name\">Full name</label>").And.Contain("id=\"name\"")
            .And.Contain("<label for=\"role-business\">business</label>").And.Contain("<label for=\"role-regulator\">regulator</label>")
            .And.Contain("<legend>Role</legend>");
        page.Html.Should().NotContain("<script").And.NotContain(" style=").And.NotMatchRegex(@"\son[a-z]+=", "no inline handlers either");
        page.Forms.Should().HaveCount(2).And.AllSatisfy(f =>
        {
            f.Fields.Should().ContainKey("__RequestVerificationToken");
            f.Fields["client_id"].Should().Be(DevIdentityHost.ClientId);
            f.Fields["code_challenge"].Should().NotBeNullOrEmpty();
            f.Action.Should().Be("/dev/connect/authorize");
        });
    }

    [Fact]
    public async Task The_page_forbids_scripts_and_framing()
    {
        using var response = await new PortalClient(Host.CreateClient()).AuthorizeAsync();

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("no-referrer");
    }

    [Theory]
    [InlineData("tk", null, "tk", "Siz kim?", "Aylar Berdiyeva, telekeçi")]
    [InlineData("ru", null, "ru", "Кто вы?", "Merdan Orazov, регулятор")]
    [InlineData(null, "ru", "ru", "Кто вы?", "Войти")]
    [InlineData(null, "c=tk|uic=tk", "tk", "Siz kim?", "Doly ady")]
    [InlineData("ru en", "tk", "ru", "Кто вы?", "Полное имя")]
    [InlineData("fr", null, "en", "Who are you?", "Full name")]
    public async Task The_language_follows_ui_locales_then_the_culture_cookie(string? uiLocales, string? cookie, string lang, string heading, string text)
    {
        var client = Host.CreateClient();
        if (cookie is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", "culture=" + Uri.EscapeDataString(cookie));
        }

        var page = await new PortalClient(client).OpenSignInAsync(p => p["ui_locales"] = uiLocales);

        page.Html.Should().Contain($"<html lang=\"{lang}\"").And.Contain($"<h1>{heading}</h1>").And.Contain(text);
    }

    [Fact]
    public async Task The_language_links_keep_the_authorization_request()
    {
        var portal = new PortalClient(Host.CreateClient());
        var page = await portal.OpenSignInAsync();
        var link = System.Text.RegularExpressions.Regex.Match(page.Html, "<a href=\"([^\"]+)\" hreflang=\"tk\"").Groups[1].Value;

        using var followed = await portal.Http.GetAsync(WebUtility.HtmlDecode(link));

        followed.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await followed.Content.ReadAsStringAsync();
        html.Should().Contain("<html lang=\"tk\"");
        var code = portal.CodeFrom(await portal.ChooseAsync(SignInPage.Parse(html), "demo-business-2"));
        (await portal.RedeemAsync(code)).StatusCode.Should().Be(HttpStatusCode.OK, "the same request, PKCE included, went on");
    }

    [Fact]
    public async Task A_typed_name_is_the_same_person_every_time()
    {
        var first = await SignInTypedAsync("Ogulgerek  Hojayeva", "regulator");
        var second = await SignInTypedAsync(" ogulgerek hojayeva ", "regulator");
        var other = await SignInTypedAsync("Ogulgerek Hojayewa", "business");

        first.Subject.Should().StartWith("person-").And.Be(second.Subject);
        other.Subject.Should().NotBe(first.Subject);
        first.GetClaim("name").Value.Should().Be("Ogulgerek Hojayeva");
        first.GetClaim("role").Value.Should().Be("regulator");
        other.GetClaim("role").Value.Should().Be("business");
        (await Host.WhoAmIAsync(first.EncodedToken)).GetProperty("regulator").GetBoolean().Should().BeTrue();
    }

    [Theory]
    [InlineData("", "business", "Enter a name of 1 to 100 characters.")]
    [InlineData("Aylar", null, "Choose a role: business or regulator.")]
    [InlineData("Aylar", "admin", "Choose a role: business or regulator.")]
    public async Task A_bad_typed_sign_in_shows_the_page_again_with_the_error(string name, string? role, string message)
    {
        var portal = new PortalClient(Host.CreateClient());
        var page = await portal.OpenSignInAsync();

        using var response = await portal.TypeAsync(page, name, role);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var again = SignInPage.Parse(await response.Content.ReadAsStringAsync());
        again.Html.Should().Contain("role=\"alert\"").And.Contain(message);
        if (name.Length == 0)
        {
            again.Html.Should().Contain("aria-invalid=\"true\"").And.Contain("aria-describedby=\"name-error\"");
        }

        portal.CodeFrom(await portal.TypeAsync(again, "Aylar Berdiyeva", "business")).Should().NotBeEmpty("the form still carries the request");
    }

    [Fact]
    public async Task A_person_who_is_not_a_demo_person_cannot_be_picked()
    {
        var portal = new PortalClient(Host.CreateClient());

        using var response = await portal.ChooseAsync(await portal.OpenSignInAsync(), "demo-admin-1");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Choose one of the demo people.");
    }

    private async Task<JsonWebToken> SignInTypedAsync(string name, string role)
    {
        var portal = new PortalClient(Host.CreateClient());
        var code = portal.CodeFrom(await portal.TypeAsync(await portal.OpenSignInAsync(), name, role));
        return new JsonWebToken((await portal.TokensAsync(await portal.RedeemAsync(code))).AccessToken);
    }
}
