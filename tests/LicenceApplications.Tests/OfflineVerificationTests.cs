using G2B.VerifyCredential;

namespace LicenceApplications.Tests;

/// <summary>tools/G2B.VerifyCredential: a cached JWKS and a credential, no call to the suite.</summary>
public sealed class OfflineVerificationTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    [Fact]
    public async Task The_offline_tool_accepts_a_genuine_credential_and_rejects_a_tampered_one_with_a_cached_jwks()
    {
        var (company, licence, owner) = await app.IssueLicenceAsync("offline-a");
        var credential = await owner.CredentialAsync(licence);
        var jwks = await app.CreateClient().GetStringAsync("/.well-known/jwks.json");
        var now = app.Clock.GetUtcNow();

        var genuine = await OfflineVerifier.VerifyAsync(jwks, credential, now, expectedIssuer: "http://127.0.0.1:8080");
        genuine.SignatureValid.Should().BeTrue();
        genuine.WithinValidity.Should().BeTrue();
        genuine.LicenceNumber.Should().Be(licence);
        genuine.HolderName.Should().Be($"Company {company} LLC");

        var forged = CredentialSteps.WithPart(credential, 1, vc => vc["validUntil"] = "2099-12-31T23:59:59Z");
        (await OfflineVerifier.VerifyAsync(jwks, forged, now)).SignatureValid.Should().BeFalse();
        (await OfflineVerifier.VerifyAsync(jwks, credential, now, expectedIssuer: "https://other.example")).SignatureValid.Should().BeFalse();
        (await OfflineVerifier.VerifyAsync("""{"keys":[]}""", credential, now)).SignatureValid.Should().BeFalse();
    }

    [Fact]
    public async Task Past_its_validUntil_a_genuine_credential_is_reported_outside_its_validity()
    {
        var (_, licence, owner) = await app.IssueLicenceAsync("offline-b");
        var credential = await owner.CredentialAsync(licence);
        var jwks = await app.CreateClient().GetStringAsync("/.well-known/jwks.json");

        var verdict = await OfflineVerifier.VerifyAsync(jwks, credential, app.Clock.GetUtcNow().AddYears(5));

        verdict.SignatureValid.Should().BeTrue();
        verdict.WithinValidity.Should().BeFalse();
    }
}
