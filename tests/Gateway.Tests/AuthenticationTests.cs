using System.Net.Http.Headers;
using System.Security.Cryptography;
using G2B.ServiceDefaults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests;

public sealed class AuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task A_token_from_the_issuer_is_accepted_and_forwarded()
    {
        var token = fixture.Host.Issuer.CreateToken("user-1", AuthPolicies.Business);

        using var response = await SendAsync("/api/companies/REG-9", token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var forwarded = fixture.Host.Downstreams["company-registry"].LogEntries
            .Last(e => e.RequestMessage.Path == "/api/companies/REG-9").RequestMessage.Headers!["Authorization"];
        forwarded.Should().Equal("Bearer " + token);
    }

    [Fact]
    public async Task Anonymous_requests_pass_through_for_the_service_to_decide()
    {
        using var response = await fixture.Host.CreateClient().GetAsync("/api/licence-types");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string> BadTokens => ["tampered", "expired", "alg-none", "wrong-issuer", "wrong-audience", "foreign-key", "garbage", "no-sub", "empty-sub"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task An_invalid_token_is_401_problem_and_not_forwarded(string kind)
    {
        var path = "/api/applications/" + kind + "-" + Guid.NewGuid().ToString("N");

        using var response = await SendAsync(path, BadToken(kind));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("type").GetString().Should().Be("https://g2b.example/problems/unauthorized");
        response.Headers.WwwAuthenticate.Should().NotBeEmpty();
        fixture.Host.Downstreams["licence-applications"].LogEntries
            .Should().NotContain(e => e.RequestMessage.Path == path);
    }

    private string BadToken(string kind)
    {
        var issuer = fixture.Host.Issuer;
        var now = DateTimeOffset.UtcNow;
        return kind switch
        {
            "tampered" => Tamper(issuer.CreateToken("user-1", AuthPolicies.Business)),
            "expired" => issuer.CreateToken(issuer.Spec("user-1", AuthPolicies.Business) with
            {
                NotBefore = now.AddHours(-2), Expires = now.AddMinutes(-5),
            }),
            "alg-none" => Unsigned(issuer.Authority, issuer.Audience),
            "wrong-issuer" => issuer.CreateToken(issuer.Spec("user-1") with { Issuer = "http://127.0.0.1:1/dev" }),
            "wrong-audience" => issuer.CreateToken(issuer.Spec("user-1") with { Audience = "someone-else" }),
            "foreign-key" => SignedWithAnotherKey(issuer.Authority, issuer.Audience),
            // Signed by the real issuer, but nobody: a subject is what ownership and limits are keyed on.
            "no-sub" => issuer.CreateToken(issuer.Spec("user-1", AuthPolicies.Business) with { Subject = null }),
            "empty-sub" => issuer.CreateToken(issuer.Spec("user-1", AuthPolicies.Business) with { Subject = " " }),
            _ => "not-a-jwt",
        };
    }

    // Swap the payload for one that claims the regulator role; the signature no longer matches.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64UrlEncoder.Decode(parts[1]))!;
        var changed = payload.ToDictionary(p => p.Key, p => (object)p.Value);
        changed["role"] = AuthPolicies.Regulator;
        parts[1] = Base64UrlEncoder.Encode(JsonSerializer.Serialize(changed));
        return string.Join('.', parts);
    }

    private static string Unsigned(string issuer, string audience)
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode(
            $$"""{"sub":"user-1","role":"regulator","iss":"{{issuer}}","aud":"{{audience}}","exp":{{exp}}}""");
        return $"{header}.{payload}.";
    }

    private static string SignedWithAnotherKey(string issuer, string audience)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "attacker" };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = "user-1", ["role"] = "regulator" },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await fixture.Host.CreateClient().SendAsync(request);
    }
}
