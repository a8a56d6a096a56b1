using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Gateway.Tests;

/// <summary>The development identity provider is on only where a local run configures it, never in production settings.</summary>
public sealed class DevIdentityOffTests
{
    public static TheoryData<string, string> DevEndpoints => new()
    {
        { "POST", "/dev/token" },
        { "GET", "/dev/.well-known/openid-configuration" },
        { "GET", "/dev/jwks" },
        { "GET", "/dev/connect/authorize?client_id=portal" },
        { "POST", "/dev/connect/token" },
        { "GET", "/dev/connect/logout" },
    };

    [Theory]
    [MemberData(nameof(DevEndpoints))]
    public async Task The_gateway_in_its_production_settings_has_no_dev_endpoints(string method, string path)
    {
        await using var gateway = await GatewayHost.StartAsync(configure: web => web.UseEnvironment("Production"));

        using var response = await gateway.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { subject = "u", role = "business" }) : null,
        });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        gateway.Downstreams.Values.Should().AllSatisfy(d => d.LogEntries.Should().BeEmpty("no route leads /dev anywhere"));
    }

    [Fact]
    public async Task The_gateway_in_development_settings_alone_has_no_dev_endpoints_either()
    {
        await using var gateway = await GatewayHost.StartAsync();

        using var response = await gateway.CreateClient().PostAsJsonAsync("/dev/token", new { subject = "u", role = "business" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public void The_provider_refuses_to_start_with_its_production_settings()
    {
        var start = () => DevIdentityHost.StartProvider("Production").Dispose();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("DevIdentity:Enabled");
    }
}
