using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LicenceApplications.Tests;

/// <summary>Hosts over one database with different key settings, as successive deployments during a rotation.</summary>
public sealed class KeyRotationTests(LicenceApplicationsApp app) : IClassFixture<LicenceApplicationsApp>
{
    private static readonly ECDsa OldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private static readonly ECDsa NewKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static (string, string)[] Signing(string kid, ECDsa key) =>
        [("Credentials:SigningKeys:0:Kid", kid), ("Credentials:SigningKeys:0:PrivateKeyPem", key.ExportPkcs8PrivateKeyPem())];

    private static (string, string)[] Published(string kid, ECDsa key) =>
        [("Credentials:PublishedKeys:0:Kid", kid), ("Credentials:PublishedKeys:0:PublicKeyPem", key.ExportSubjectPublicKeyInfoPem())];

    [Fact]
    public async Task A_credential_signed_with_a_rotated_out_but_still_published_key_verifies()
    {
        var (_, licence, _) = await app.IssueLicenceAsync("rot-a");
        using var before = Host(Signing("key-2026", OldKey));
        var oldCredential = await Client(before, "rot-a").CredentialAsync(licence);
        CredentialSteps.Part(oldCredential, 0)["kid"]!.GetValue<string>().Should().Be("key-2026");

        using var after = Host([.. Signing("key-2027", NewKey), .. Published("key-2026", OldKey)]);
        var answer = await after.CreateClient().VerifyAsync(oldCredential);
        answer["signatureValid"]!.GetValue<bool>().Should().BeTrue();
        answer["currentStatus"]!.GetValue<string>().Should().Be("Active");
        CredentialSteps.Part(await Client(after, "rot-a").CredentialAsync(licence), 0)["kid"]!.GetValue<string>().Should().Be("key-2027");
        var kids = JsonNode.Parse(await after.CreateClient().GetStringAsync("/.well-known/jwks.json"))!["keys"]!.AsArray()
            .Select(k => k!["kid"]!.GetValue<string>());
        kids.Should().BeEquivalentTo(["key-2027", "key-2026"]);

        // Once the old key is no longer published, what it signed no longer verifies.
        using var forgotten = Host(Signing("key-2027", NewKey));
        (await forgotten.CreateClient().VerifyAsync(oldCredential))["signatureValid"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task A_key_published_ahead_of_its_activation_does_not_sign_until_then()
    {
        var (_, licence, _) = await app.IssueLicenceAsync("rot-b");
        var later = app.Clock.GetUtcNow().AddDays(7).ToString("O");
        using var host = Host(
            ("Credentials:SigningKeys:1:Kid", "key-next"), ("Credentials:SigningKeys:1:PrivateKeyPem", NewKey.ExportPkcs8PrivateKeyPem()),
            ("Credentials:SigningKeys:1:ActiveFrom", later));

        var credential = await Client(host, "rot-b").CredentialAsync(licence);

        CredentialSteps.Part(credential, 0)["kid"]!.GetValue<string>().Should().Be("g2b-dev-2026-01");
        (await host.CreateClient().GetStringAsync("/.well-known/jwks.json")).Should().Contain("key-next");
    }

    [Fact]
    public async Task Without_a_readable_signing_key_issuing_is_503_and_the_rest_of_the_service_works()
    {
        var (_, licence, _) = await app.IssueLicenceAsync("rot-c");
        var published = await app.Business("rot-c").CredentialAsync(licence);
        using var host = Host(("Credentials:SigningKeys:0:PrivateKeyPem", "not a key"),
            ("Credentials:PublishedKeys:0:Kid", "g2b-dev-2026-01"),
            ("Credentials:PublishedKeys:0:PublicKeyPem", await DevPublicKeyPemAsync()));
        var owner = Client(host, "rot-c");

        await (await owner.GetAsync($"/api/licences/{licence}/credential")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "credentials-unavailable");
        await (await owner.GetAsync($"/api/licences/{licence}/certificate.pdf")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "credentials-unavailable");
        (await owner.GetAsync($"/api/licences/{licence}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await host.CreateClient().VerifyAsync(published))["signatureValid"]!.GetValue<bool>().Should().BeTrue();
    }

    private HttpClient Client(WebApplicationFactory<Program> host, string subject)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", app.Issuer.CreateToken(subject, ["business"]));
        return client;
    }

    /// <summary>The development key's public half, as an operator would copy it into PublishedKeys.</summary>
    private async Task<string> DevPublicKeyPemAsync()
    {
        var jwk = JsonNode.Parse(await app.CreateClient().GetStringAsync("/.well-known/jwks.json"))!["keys"]![0]!;
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = System.Buffers.Text.Base64Url.DecodeFromChars(jwk["x"]!.GetValue<string>()),
                Y = System.Buffers.Text.Base64Url.DecodeFromChars(jwk["y"]!.GetValue<string>()),
            },
        });
        return key.ExportSubjectPublicKeyInfoPem();
    }
}
