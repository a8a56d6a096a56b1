using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace G2B.ServiceDefaults;

public static class AuthPolicies
{
    public const string Business = "business";
    public const string Regulator = "regulator";
}

/// <summary>Claim names as they appear in the token (inbound claim mapping is off).</summary>
public static class G2BClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
}

public static class ClaimsPrincipalExtensions
{
    public static string? GetSubject(this ClaimsPrincipal principal) =>
        principal.FindFirst(G2BClaims.Subject)?.Value;

    public static bool IsRegulator(this ClaimsPrincipal principal) => principal.IsInRole(AuthPolicies.Regulator);

    public static bool IsBusiness(this ClaimsPrincipal principal) => principal.IsInRole(AuthPolicies.Business);
}

internal static class AuthExtensions
{
    public static void AddG2BAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();

        // Bound lazily from configuration so test hosts can override Auth:* after Program starts building.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((options, configuration) =>
            {
                var auth = configuration.GetSection("Auth");
                var authority = auth["Authority"];
                options.Authority = string.IsNullOrWhiteSpace(authority) ? null : authority;
                options.Audience = auth["Audience"];
                options.RequireHttpsMetadata = auth.GetValue("RequireHttpsMetadata", true);
                // Keep "sub" and "role" as issued: no WS-Fed claim type rewriting.
                options.MapInboundClaims = false;
                var validation = options.TokenValidationParameters;
                validation.NameClaimType = G2BClaims.Subject;
                validation.RoleClaimType = G2BClaims.Role;
                validation.ValidateIssuer = true;
                validation.ValidateAudience = true;
                validation.ValidateLifetime = true;
                validation.RequireExpirationTime = true;
                validation.RequireSignedTokens = true;
                validation.ValidAlgorithms = ["RS256", "RS384", "RS512", "PS256", "ES256"];
                validation.ClockSkew = TimeSpan.FromSeconds(auth.GetValue("ClockSkewSeconds", 30));
                RequireSubject(options);
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Business, p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Business))
            .AddPolicy(AuthPolicies.Regulator, p => p.RequireAuthenticatedUser().RequireRole(AuthPolicies.Regulator));
    }

    /// <summary>
    /// Every decision (ownership, rate-limit bucket, audit) is keyed on <c>sub</c>: a signed token without one
    /// would act as an owner nobody is, so it fails authentication (401) like a bad signature does.
    /// </summary>
    private static void RequireSubject(JwtBearerOptions options)
    {
        options.Events ??= new JwtBearerEvents();
        var previous = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            if (string.IsNullOrWhiteSpace(context.Principal?.GetSubject()))
            {
                context.Fail("The token has no subject.");
                return;
            }

            await previous(context);
        };
    }
}
