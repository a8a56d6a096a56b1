using System.Text.Json.Nodes;
using LicenceApplications.Api.Credentials;
using Microsoft.Extensions.DependencyInjection;

namespace LicenceApplications.Tests;

public sealed class CredentialTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task Credential_is_a_vc_2_jose_credential_with_the_licence_facts()
    {
        var (company, licence, owner) = await app.IssueLicenceAsync("vc-facts");

        var jws = await owner.CredentialAsync(licence);

        var header = CredentialSteps.Part(jws, 0);
        header["typ"]!.GetValue<string>().Should().Be("vc+jwt");
        header["alg"]!.GetValue<string>().Should().Be("ES256");
        header["kid"]!.GetValue<string>().Should().Be("g2b-dev-2026-01");
        var vc = CredentialSteps.Part(jws, 1);
        vc["@context"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("https://www.w3.org/ns/credentials/v2");
        vc["type"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("VerifiableCredential", "LicenceCredential");
        vc.ContainsKey("vc").Should().BeFalse("VC-JOSE-COSE: the payload is the credential itself");
        vc["issuer"]!.GetValue<string>().Should().Be("http://127.0.0.1:8080");
        var subject = vc["credentialSubject"]!;
        subject["licenceNumber"]!.GetValue<string>().Should().Be(licence);
        subject["holder"]!["legalName"]!.GetValue<string>().Should().Be($"Company {company} LLC");
        subject["holder"]!["registrationNumber"]!.GetValue<string>().Should().Be(company);
        subject["licenceType"]!.GetValue<string>().Should().Be("RETAIL-TRADE");
        var stored = await app.Regulator().GetJsonAsync($"/api/licences/{licence}");
        vc["validFrom"]!.GetValue<string>().Should().Be($"{stored.GetProperty("validFrom").GetString()}T00:00:00Z");
        vc["validUntil"]!.GetValue<string>().Should().Be($"{stored.GetProperty("validUntil").GetString()}T23:59:59Z");
        subject["issuedAt"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        vc["iat"]!.GetValue<long>().Should().BePositive();
    }

    [Theory]
    [InlineData("certificate.pdf")]
    [InlineData("credential")]
    public async Task Business_B_cannot_fetch_the_certificate_or_credential_of_business_A(string document)
    {
        var (_, licence, owner) = await app.IssueLicenceAsync($"doc-owner-a-{document}");
        var path = $"/api/licences/{licence}/{document}";

        await (await app.Business("doc-owner-b").GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await app.CreateClient().GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.Regulator().GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.GetAsync(path)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task After_revocation_the_signature_stays_valid_and_the_status_shows_Revoked()
    {
        var (_, licence, owner) = await app.IssueLicenceAsync("vc-revoke");
        var jws = await owner.CredentialAsync(licence);
        var anyone = app.CreateClient();
        (await anyone.VerifyAsync(jws))["currentStatus"]!.GetValue<string>().Should().Be("Active");

        (await app.Regulator().PostAsJsonAsync($"/api/licences/{licence}/revoke", new { reason = "fraud" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var answer = await anyone.VerifyAsync(jws);
        answer["signatureValid"]!.GetValue<bool>().Should().BeTrue();
        answer["currentStatus"]!.GetValue<string>().Should().Be("Revoked");
        answer["licenceNumber"]!.GetValue<string>().Should().Be(licence);
        answer["issuer"]!.GetValue<string>().Should().Be("http://127.0.0.1:8080");
        answer["claims"]!["credentialSubject"]!["licenceNumber"]!.GetValue<string>().Should().Be(licence);
    }

    public static TheoryData<string> Tamperings => new()
    {
        "licence number", "holder name", "validUntil", "issuer", "type", "signature", "kid", "alg none", "typ",
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Tampering_with_any_claim_or_the_signature_fails(string tampering)
    {
        var (_, licence, owner) = await app.IssueLicenceAsync($"vc-tamper-{tampering.Replace(' ', '-')}");
        var jws = await owner.CredentialAsync(licence);
        var other = (await app.IssueLicenceAsync($"vc-tamper-other-{tampering.Replace(' ', '-')}")).Licence;

        var forged = tampering switch
        {
            "licence number" => CredentialSteps.WithPart(jws, 1, vc => vc["credentialSubject"]!["licenceNumber"] = other),
            "holder name" => CredentialSteps.WithPart(jws, 1, vc => vc["credentialSubject"]!["holder"]!["legalName"] = "Someone Else LLC"),
            "validUntil" => CredentialSteps.WithPart(jws, 1, vc => vc["validUntil"] = "2099-12-31T23:59:59Z"),
            "issuer" => CredentialSteps.WithPart(jws, 1, vc => vc["issuer"] = "https://evil.example"),
            "type" => CredentialSteps.WithPart(jws, 1, vc => vc["type"] = new JsonArray("VerifiableCredential")),
            "kid" => CredentialSteps.WithPart(jws, 0, h => h["kid"] = "unknown-key"),
            "alg none" => CredentialSteps.WithPart(jws, 0, h => h["alg"] = "none"),
            "typ" => CredentialSteps.WithPart(jws, 0, h => h["typ"] = "JWT"),
            _ => jws[..^2] + (jws[^2] == 'A' ? 'B' : 'A') + jws[^1],
        };

        var answer = await app.CreateClient().VerifyAsync(forged);
        answer["signatureValid"]!.GetValue<bool>().Should().BeFalse();
        answer["claims"].Should().BeNull("nothing unverified is echoed as fact");
        answer["currentStatus"].Should().BeNull();
        answer["reason"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        (await app.CreateClient().VerifyAsync(jws))["signatureValid"]!.GetValue<bool>().Should().BeTrue();
    }

    [Theory]
    [InlineData("typ JWT")]
    [InlineData("other issuer")]
    public async Task A_correctly_signed_token_that_is_not_this_suites_vc_jwt_is_not_accepted(string variant)
    {
        var (_, licence, owner) = await app.IssueLicenceAsync($"vc-resigned-{variant.Replace(' ', '-')}");
        var jws = await owner.CredentialAsync(licence);
        var header = CredentialSteps.Part(jws, 0);
        var payload = CredentialSteps.Part(jws, 1);
        if (variant == "typ JWT")
        {
            header["typ"] = "JWT";
        }
        else
        {
            payload["issuer"] = "https://elsewhere.example";
        }

        // Signed with the real key: only the typ and issuer rules can refuse it.
        var key = app.Services.GetRequiredService<CredentialKeyRing>().Find(header["kid"]!.GetValue<string>())!.Key;
        var answer = await app.CreateClient().VerifyAsync(LicenceCredentialIssuer.Sign(header, payload, key));

        answer["signatureValid"]!.GetValue<bool>().Should().BeFalse();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"credential":""}""")]
    [InlineData("""{"credential":"not a credential"}""")]
    [InlineData("""{"credential":"a.b"}""")]
    [InlineData("""{"credential":42}""")]
    public async Task A_body_without_a_compact_jws_is_a_validation_problem(string body)
    {
        var response = await app.CreateClient().PostAsync("/verify/credentials",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Jwks_publishes_the_public_key_only()
    {
        var response = await app.CreateClient().GetAsync("/.well-known/jwks.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var jwks = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var key = jwks["keys"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        key["kid"]!.GetValue<string>().Should().Be("g2b-dev-2026-01");
        key["kty"]!.GetValue<string>().Should().Be("EC");
        key["crv"]!.GetValue<string>().Should().Be("P-256");
        key.ContainsKey("d").Should().BeFalse("the private key never leaves licence applications");
    }
}
