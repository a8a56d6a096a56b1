using G2B.Testing;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace G2B.ServiceDefaults.Tests;

/// <summary>
/// Auth:RequireHttpsMetadata and Auth:ClockSkewSeconds are read by the configuration binding source generator (the
/// gateway is a Native AOT binary): the same values, defaults and failures as the reflection binder gave.
/// </summary>
public sealed class AuthSettingsTests
{
    [Theory]
    [InlineData(null, null, true, 30)]
    [InlineData("false", "5", false, 5)]
    [InlineData("False", " 120 ", false, 120)]
    [InlineData("true", "0", true, 0)]
    public async Task Https_metadata_and_clock_skew_come_from_the_Auth_section_or_their_defaults(
        string? requireHttps, string? skewSeconds, bool expectedHttps, int expectedSkew)
    {
        var options = await JwtOptionsAsync(requireHttps, skewSeconds);

        options.RequireHttpsMetadata.Should().Be(expectedHttps);
        options.TokenValidationParameters.ClockSkew.Should().Be(TimeSpan.FromSeconds(expectedSkew));
    }

    [Theory]
    [InlineData("yes", "30")]
    [InlineData("false", "half a minute")]
    public async Task A_value_that_is_not_a_bool_or_a_number_fails_as_the_binder_did(string requireHttps, string skewSeconds)
    {
        var read = () => JwtOptionsAsync(requireHttps, skewSeconds);

        (await read.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*Auth:*");
    }

    private static async Task<JwtBearerOptions> JwtOptionsAsync(string? requireHttps, string? skewSeconds)
    {
        var issuer = await TestAuth.IssuerAsync();
        await using var app = await TestApp.StartAsync(new Dictionary<string, string?>(issuer.Settings)
        {
            // Nothing is fetched from it here; HTTPS so that RequireHttpsMetadata=true passes JwtBearer's own check.
            ["Auth:Authority"] = "https://issuer.example/",
            ["Auth:RequireHttpsMetadata"] = requireHttps,
            ["Auth:ClockSkewSeconds"] = skewSeconds,
        });
        return app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
    }
}
