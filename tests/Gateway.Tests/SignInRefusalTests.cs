using Microsoft.AspNetCore.WebUtilities;

namespace Gateway.Tests;

/// <summary>What the provider refuses, and how: problem+json where the client cannot be trusted with the answer.</summary>
public sealed class SignInRefusalTests : DevIdentityHostTests
{
    public static TheoryData<string, string, string> UntrustedRequests => new()
    {
        { "client_id", "someone-else", "invalid_request" },
        { "redirect_uri", "https://evil.test/signin-oidc", "invalid_request" },
        { "redirect_uri", DevIdentityHost.RedirectUri + "/", "invalid_request" },
    };

    [Theory]
    [MemberData(nameof(UntrustedRequests))]
    public async Task An_unknown_client_or_redirect_uri_gets_a_problem_and_no_redirect(string parameter, string value, string error)
    {
        var portal = new PortalClient(Host.CreateClient());

        using var response = await portal.AuthorizeAsync(p => p[parameter] = value);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull("nothing may be sent to an address nobody registered");
        var problem = await ProblemAsync(response);
        problem.GetProperty("type").GetString().Should().Be("https://g2b.example/problems/validation");
        problem.GetProperty("error").GetString().Should().Be(error);
        problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plain")]
    public async Task Pkce_with_S256_is_required(string? method)
    {
        var portal = new PortalClient(Host.CreateClient());

        using var response = await portal.AuthorizeAsync(p =>
        {
            p["code_challenge_method"] = method;
            if (method is null)
            {
                p.Remove("code_challenge");
            }
        });

        var error = response.StatusCode == HttpStatusCode.Redirect
            ? QueryHelpers.ParseQuery(response.Headers.Location!.Query)["error"].ToString()
            : (await ProblemAsync(response)).GetProperty("error").GetString();
        error.Should().Be("invalid_request");
        response.Headers.Location?.Query.Should().NotContain("code=");
    }

    [Theory]
    [InlineData("short")]
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c")]        // 42: a character short of SHA-256
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMM")]      // 44
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c=")]       // padded
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM")]       // base64, not base64url
    [InlineData("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw~cM")]       // a verifier's character, never a digest's
    public async Task A_code_challenge_that_is_no_S256_digest_goes_back_to_the_portal_as_invalid_request(string challenge)
    {
        var portal = new PortalClient(Host.CreateClient());

        using var response = await portal.AuthorizeAsync(p => p["code_challenge"] = challenge);

        ErrorAtThePortal(response, portal).Should().Be("invalid_request");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("1e3")]
    [InlineData("99999999999999999999")]
    public async Task A_max_age_that_is_no_whole_number_of_seconds_goes_back_to_the_portal_as_invalid_request(string maxAge)
    {
        var portal = new PortalClient(Host.CreateClient());

        using var response = await portal.AuthorizeAsync(p => p["max_age"] = maxAge);

        ErrorAtThePortal(response, portal).Should().Be("invalid_request");
    }

    [Fact]
    public async Task A_max_age_given_twice_goes_back_to_the_portal_as_invalid_request()
    {
        var portal = new PortalClient(Host.CreateClient());

        using var response = await portal.Http.GetAsync(
            QueryHelpers.AddQueryString("/dev/connect/authorize", portal.AuthorizeParameters()) + "&max_age=60&max_age=60");

        ErrorAtThePortal(response, portal).Should().Be("invalid_request");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("300")]
    public async Task A_whole_max_age_still_signs_in(string maxAge)
    {
        var portal = new PortalClient(Host.CreateClient());
        var page = await portal.OpenSignInAsync(p => p["max_age"] = maxAge);

        using var chosen = await portal.ChooseAsync(page, "demo-business-1");

        portal.CodeFrom(chosen).Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_sign_in_post_whose_code_challenge_was_tampered_with_gets_no_code()
    {
        var portal = new PortalClient(Host.CreateClient());
        var page = await portal.OpenSignInAsync();

        using var response = await portal.PostAsync(page.Forms[0],
            new() { ["person"] = "demo-regulator-1", ["code_challenge"] = "tampered" });

        ErrorAtThePortal(response, portal).Should().Be("invalid_request");
    }

    [Fact]
    public async Task A_silent_sign_in_is_answered_login_required_at_the_portal()
    {
        var portal = new PortalClient(Host.CreateClient());

        using var response = await portal.AuthorizeAsync(p => p["prompt"] = "none");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(DevIdentityHost.RedirectUri);
        var query = QueryHelpers.ParseQuery(response.Headers.Location.Query);
        query["error"].ToString().Should().Be("login_required");
        query["state"].ToString().Should().Be(portal.State);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var portal = new PortalClient(Host.CreateClient());
        var page = await portal.OpenSignInAsync();
        var fields = page.Forms[0].Fields.Where(f => f.Key != "__RequestVerificationToken").ToDictionary();

        using var response = await portal.Http.PostAsync(page.Forms[0].Action,
            new FormUrlEncodedContent(fields.Append(new("person", "demo-regulator-1"))));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task A_post_logout_uri_nobody_registered_is_refused()
    {
        using var response = await Host.CreateClient().GetAsync(
            "/dev/connect/logout?post_logout_redirect_uri=" + Uri.EscapeDataString("https://evil.test/bye"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        (await ProblemAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    public static TheoryData<string> ForeignIdTokenHints => new()
    {
        "garbage",
        // Unsigned ("alg": "none"), claiming a subject.
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZW1vLWJ1c2luZXNzLTEifQ.",
    };

    [Theory]
    [MemberData(nameof(ForeignIdTokenHints))]
    public async Task End_session_with_an_id_token_hint_this_provider_never_issued_is_refused(string hint)
    {
        using var response = await Host.CreateClient().GetAsync(
            $"/dev/connect/logout?id_token_hint={Uri.EscapeDataString(hint)}" +
            $"&post_logout_redirect_uri={Uri.EscapeDataString(DevIdentityHost.PostLogoutRedirectUri)}&state=bye");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull("a refused end-session sends the browser nowhere");
        (await ProblemAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task End_session_with_an_access_token_for_an_id_token_hint_is_refused()
    {
        var portal = new PortalClient(Host.CreateClient());
        var tokens = await portal.TokensAsync(await portal.RedeemAsync(await portal.SignInAsync("demo-business-1")));

        using var response = await portal.Http.GetAsync($"/dev/connect/logout?id_token_hint={tokens.AccessToken}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task End_session_without_a_return_address_says_the_user_is_signed_out()
    {
        using var response = await Host.CreateClient().GetAsync("/dev/connect/logout?ui_locales=ru");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Вы вышли").And.Contain("lang=\"ru\"");
    }

    [Fact]
    public async Task Userinfo_without_a_valid_token_is_401()
    {
        using var response = await Host.GetAsync("/dev/connect/userinfo", "not-a-token");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("error=\"invalid_token\"");
        (await ProblemAsync(response)).GetProperty("type").GetString().Should().Be("https://g2b.example/problems/unauthorized");
    }

    /// <summary>The OAuth error of a redirect back to the portal's registered address, with its state and never a code.</summary>
    private static string ErrorAtThePortal(HttpResponseMessage response, PortalClient portal)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(DevIdentityHost.RedirectUri);
        var query = QueryHelpers.ParseQuery(response.Headers.Location.Query);
        query.Should().NotContainKey("code");
        query["state"].ToString().Should().Be(portal.State);
        query["iss"].ToString().Should().Be(DevIdentityHost.Issuer);
        return query["error"].ToString();
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
