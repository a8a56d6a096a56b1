using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests;

/// <summary>Authorization code + PKCE through the gateway, as the portal's OpenID Connect handler runs it.</summary>
public sealed class SignInFlowTests : DevIdentityHostTests
{
    [Fact]
    public async Task A_demo_person_signs_in_and_the_access_token_is_accepted_like_any_providers()
    {
        var portal = new PortalClient(Host.CreateClient());
        var page = await portal.OpenSignInAsync();
        page.Forms[0].Buttons.Should().Equal("demo-business-1", "demo-business-2", "demo-regulator-1", "demo-regulator-2");

        using var chosen = await portal.ChooseAsync(page, "demo-business-1");
        using var redeemed = await portal.RedeemAsync(portal.CodeFrom(chosen));
        var tokens = await portal.TokensAsync(redeemed);

        var access = new JsonWebToken(tokens.AccessToken);
        access.Typ.Should().Be("at+jwt", "a signed JWT the services can read, not an encrypted one");
        access.Issuer.Should().Be(DevIdentityHost.Issuer);
        access.Audiences.Should().Equal("g2b-api");
        access.Subject.Should().Be("demo-business-1");
        access.GetClaim("role").Value.Should().Be("business");
        access.GetClaim("name").Value.Should().Be("Aylar Berdiyeva");
        access.ValidTo.Should().BeCloseTo(DateTime.UtcNow.AddSeconds(3600), TimeSpan.FromMinutes(2));
        tokens.ExpiresIn.Should().BeInRange(3500, 3600);

        var who = await WhoAmIAsync(tokens.AccessToken);
        who.GetProperty("subject").GetString().Should().Be("demo-business-1");
        who.GetProperty("business").GetBoolean().Should().BeTrue();
        who.GetProperty("regulator").GetBoolean().Should().BeFalse();
        using var api = await GetAsync("/api/companies", tokens.AccessToken);
        api.StatusCode.Should().Be(HttpStatusCode.OK, "the gateway's token check on /api let it through");
    }

    [Fact]
    public async Task The_id_token_names_the_person_and_their_role_for_the_portal()
    {
        var portal = new PortalClient(Host.CreateClient());

        var tokens = await portal.TokensAsync(await portal.RedeemAsync(await portal.SignInAsync("demo-regulator-2")));

        var id = new JsonWebToken(tokens.IdToken);
        id.Issuer.Should().Be(DevIdentityHost.Issuer);
        id.Audiences.Should().Equal(DevIdentityHost.ClientId);
        id.Subject.Should().Be("demo-regulator-2");
        id.GetClaim("name").Value.Should().Be("Gulnara Saparova");
        id.GetClaim("role").Value.Should().Be("regulator");
        id.GetClaim("nonce").Value.Should().Be(portal.Nonce);
        (await WhoAmIAsync(tokens.AccessToken)).GetProperty("regulator").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token_for_the_same_person()
    {
        var portal = new PortalClient(Host.CreateClient());
        var first = await portal.TokensAsync(await portal.RedeemAsync(await portal.SignInAsync("demo-regulator-1")));
        first.RefreshToken.Should().NotBeNullOrEmpty("offline_access was granted");

        var refreshed = await portal.TokensAsync(await portal.RefreshAsync(first.RefreshToken!));

        refreshed.AccessToken.Should().NotBe(first.AccessToken);
        var access = new JsonWebToken(refreshed.AccessToken);
        access.Subject.Should().Be("demo-regulator-1");
        access.GetClaim("role").Value.Should().Be("regulator");
        access.Audiences.Should().Equal("g2b-api");
        (await WhoAmIAsync(refreshed.AccessToken)).GetProperty("subject").GetString().Should().Be("demo-regulator-1");
    }

    [Fact]
    public async Task A_wrong_code_verifier_is_refused()
    {
        var portal = new PortalClient(Host.CreateClient());
        var code = await portal.SignInAsync("demo-business-2");

        using var response = await portal.RedeemAsync(code, verifier: new PortalClient(Host.CreateClient()).Verifier);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PortalClient.ErrorAsync(response)).GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [Fact]
    public async Task A_code_is_redeemed_once_only()
    {
        var portal = new PortalClient(Host.CreateClient());
        var code = await portal.SignInAsync("demo-business-1");
        (await portal.RedeemAsync(code)).StatusCode.Should().Be(HttpStatusCode.OK);

        using var again = await portal.RedeemAsync(code);

        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PortalClient.ErrorAsync(again)).GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_and_does_not_use_the_code_up()
    {
        var portal = new PortalClient(Host.CreateClient());
        var code = await portal.SignInAsync("demo-business-1");

        using var wrong = await portal.RedeemAsync(code, secret: "not-the-secret");

        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await PortalClient.ErrorAsync(wrong)).GetProperty("error").GetString().Should().Be("invalid_client");
        (await portal.RedeemAsync(code)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Userinfo_answers_with_the_signed_in_person()
    {
        var portal = new PortalClient(Host.CreateClient());
        var tokens = await portal.TokensAsync(await portal.RedeemAsync(await portal.SignInAsync("demo-business-2")));

        using var response = await GetAsync("/dev/connect/userinfo", tokens.AccessToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>();
        claims.GetProperty("sub").GetString().Should().Be("demo-business-2");
        claims.GetProperty("name").GetString().Should().Be("Dovlet Annayev");
        claims.GetProperty("role").GetString().Should().Be("business");
    }

    [Fact]
    public async Task End_session_returns_to_the_registered_post_logout_uri_with_the_state()
    {
        var portal = new PortalClient(Host.CreateClient());
        var tokens = await portal.TokensAsync(await portal.RedeemAsync(await portal.SignInAsync("demo-business-1")));

        using var response = await portal.Http.GetAsync(
            $"/dev/connect/logout?id_token_hint={tokens.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString(DevIdentityHost.PostLogoutRedirectUri)}&state=bye");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be(DevIdentityHost.PostLogoutRedirectUri + "?state=bye");
    }

    private Task<JsonElement> WhoAmIAsync(string token) => Host.WhoAmIAsync(token);

    private Task<HttpResponseMessage> GetAsync(string path, string token) => Host.GetAsync(path, token);
}
