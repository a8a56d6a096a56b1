using System.Text.Json;

namespace EndToEnd.Tests;

/// <summary>
/// Bad OAuth / OpenID Connect parameters at every endpoint the development provider's discovery document
/// names (and at <c>POST /dev/token</c>): a 4xx in the suite's problem format or OAuth's own error format,
/// or a redirect carrying an <c>error</c> back to the client that registered it; never a 5xx, never a code.
/// </summary>
public sealed class BadInputDevIdentityTests(EndToEndSuite suite) : BadInputTests(suite)
{
    private const string Form = "application/x-www-form-urlencoded";

    [Fact]
    public async Task Bad_oauth_parameters_get_an_oauth_error_or_a_problem_at_every_advertised_endpoint()
    {
        var discovery = await Probe.SendAsync(HttpMethod.Get, "/dev/.well-known/openid-configuration", null, null);
        discovery.Status.Should().Be(200, "{0}", discovery);
        var document = JsonDocument.Parse(discovery.Body).RootElement;
        var failures = new List<string>();
        foreach (var (method, path, token, body, contentType) in Requests(document))
        {
            var answer = await Probe.SendAsync(method, path, token, body, contentType ?? "application/json");
            Collect(failures, $"{method} {path}", () => answer.ShouldBeOAuthErrorOrProblem());
        }

        AllPassed(failures);
    }

    /// <summary>The hostile requests for each endpoint the discovery document names (paths on the gateway).</summary>
    private IEnumerable<(HttpMethod Method, string Path, string? Token, string? Body, string? ContentType)> Requests(JsonElement discovery)
    {
        var token = PathOf(discovery, "token_endpoint") ?? "/dev/token";
        foreach (var form in TokenForms())
        {
            yield return (HttpMethod.Post, token, null, form, Form);
        }

        yield return (HttpMethod.Post, token, null, "{\"grant_type\":\"authorization_code\",\"code\":\"x\"}", "application/json");
        yield return (HttpMethod.Post, token, null, "grant_type=authorization_code", "text/plain");
        yield return (HttpMethod.Get, $"{token}?grant_type=client_credentials&client_id=portal", null, null, null);

        if (PathOf(discovery, "authorization_endpoint") is { } authorize)
        {
            foreach (var query in AuthorizeQueries(Suite.Gateway))
            {
                yield return (HttpMethod.Get, $"{authorize}?{query}", null, null, null);
            }

            // The sign-in form without its antiforgery token, or with nothing at all.
            yield return (HttpMethod.Post, authorize, null, "person=demo-regulator-1", Form);
            yield return (HttpMethod.Post, authorize, null, "", Form);
        }

        if (PathOf(discovery, "end_session_endpoint") is { } logout)
        {
            yield return (HttpMethod.Get, $"{logout}?post_logout_redirect_uri={Uri.EscapeDataString("https://evil.example/bye")}", null, null, null);
            yield return (HttpMethod.Get, $"{logout}?client_id=someone-else", null, null, null);
            yield return (HttpMethod.Get, $"{logout}?id_token_hint=garbage", null, null, null);
            yield return (HttpMethod.Get, $"{logout}?post_logout_redirect_uri=%00", null, null, null);
        }

        if (PathOf(discovery, "userinfo_endpoint") is { } userinfo)
        {
            yield return (HttpMethod.Get, userinfo, null, null, null);
            yield return (HttpMethod.Get, userinfo, "not-a-token", null, null);
            yield return (HttpMethod.Get, userinfo, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", null, null);
            yield return (HttpMethod.Get, $"{userinfo}?access_token=garbage", null, null, null);
            yield return (HttpMethod.Post, userinfo, null, "access_token=garbage", Form);
        }
    }

    private static IEnumerable<string> TokenForms()
    {
        var secretless = "client_id=portal";
        yield return "";
        yield return "grant_type=password&username=admin&password=admin&" + secretless;
        yield return "grant_type=client_credentials&" + secretless;
        yield return "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code&device_code=x&" + secretless;
        yield return "grant_type=authorization_code&" + secretless;
        yield return "grant_type=authorization_code&code=garbage&redirect_uri=x&code_verifier=y&" + secretless;
        yield return "grant_type=authorization_code&code=garbage&client_id=portal&client_secret=wrong";
        yield return "grant_type=authorization_code&code=%00%FF&client_id=%00&client_secret=%00";
        yield return "grant_type=refresh_token&refresh_token=garbage&" + secretless;
        yield return "grant_type=refresh_token&refresh_token=" + new string('r', 200_000) + "&" + secretless;
        yield return "grant_type=authorization_code&grant_type=refresh_token&" + secretless;
        yield return "grant_type=%zz&code=%";
        yield return "grant_type=" + Uri.EscapeDataString("\u202e\ud83d\udca9") + "&" + secretless;
    }

    /// <summary>Authorization requests that must not start a sign-in: unknown client or address, no or weak PKCE, bad values.</summary>
    private static IEnumerable<string> AuthorizeQueries(Uri gateway)
    {
        var redirect = Uri.EscapeDataString(new Uri(gateway, "/signin-oidc").AbsoluteUri);
        var good = $"client_id=portal&redirect_uri={redirect}&response_type=code&scope=openid&state=s";
        const string challenge = "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
        yield return "";
        yield return $"client_id=someone-else&redirect_uri={redirect}&response_type=code&scope=openid&{challenge}";
        yield return $"client_id=portal&redirect_uri={Uri.EscapeDataString("https://evil.example/signin-oidc")}&response_type=code&scope=openid&{challenge}";
        yield return $"client_id=portal&redirect_uri={redirect}%23fragment&response_type=code&scope=openid&{challenge}";
        yield return $"client_id=portal&client_id=other&redirect_uri={redirect}&response_type=code&scope=openid&{challenge}";
        yield return $"client_id=%00&redirect_uri=%00&response_type=%00";
        yield return good;
        yield return $"{good}&code_challenge=abc&code_challenge_method=plain";
        yield return $"{good}&code_challenge=short&code_challenge_method=S256";
        yield return $"{good}&code_challenge_method=S256";
        yield return $"{good.Replace("response_type=code", "response_type=token")}&{challenge}";
        yield return $"{good.Replace("response_type=code", "response_type=code%20id_token%20bogus")}&{challenge}";
        yield return $"{good.Replace("scope=openid", "scope=%00admin")}&{challenge}";
        yield return $"{good}&{challenge}&response_mode=bogus";
        yield return $"{good}&{challenge}&max_age=-1";
        yield return $"{good}&{challenge}&prompt=none";
        yield return $"{good}&{challenge}&prompt=none%20login";
        yield return $"{good}&{challenge}&request=garbage";
        yield return $"{good}&{challenge}&request_uri=urn%3Agarbage";
    }

    /// <summary>The gateway path of an endpoint the discovery document names, or null when it names none.</summary>
    private static string? PathOf(JsonElement discovery, string endpoint) =>
        discovery.TryGetProperty(endpoint, out var value) && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri)
            ? uri.AbsolutePath
            : null;
}

public static class OAuthAnswerAssertions
{
    /// <summary>
    /// The answer to a bad OAuth request: a redirect back to the client carrying <c>error</c> (and no code),
    /// or a 4xx that is either the Suite's problem+json or OAuth's <c>{ "error": ... }</c> JSON (RFC 6749 5.2).
    /// </summary>
    public static void ShouldBeOAuthErrorOrProblem(this ProblemAnswer answer)
    {
        if (answer.Status is >= 300 and < 400)
        {
            answer.Location.Should().NotBeNull("{0}", answer);
            answer.Location.Should().Contain("error=", "a redirect for a bad request carries the error: {0}", answer)
                .And.NotContain("code=", "a bad request never gets a code: {0}", answer);
            return;
        }

        if (answer.ContentType == "application/problem+json")
        {
            answer.ShouldBeClientProblem();
            return;
        }

        answer.Status.Should().BeInRange(400, 499, "bad input is the caller's fault, never a server error: {0}", answer);
        answer.ContentType.Should().Be("application/json", "OAuth errors are JSON: {0}", answer);
        JsonDocument.Parse(answer.Body).RootElement.GetProperty("error").ValueKind
            .Should().Be(JsonValueKind.String, "an OAuth error names its code: {0}", answer);
    }
}
