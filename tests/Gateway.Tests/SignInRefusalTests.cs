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

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
