using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace G2B.ServiceDefaults;

public sealed record DevTokenRequest(string? Subject, JsonElement Role);

public sealed record DevTokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

public static class DevIssuerExtensions
{
    /// <summary>Registers the issuer's key and token service (cheap: the key is made on first use).</summary>
    public static IServiceCollection AddDevIssuer(this IServiceCollection services)
    {
        services.AddOptions<DevIssuerOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                configuration.GetSection(DevIssuerOptions.Section).Bind(options);
                options.Audience ??= configuration["Auth:Audience"];
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DevSigningKey>();
        services.TryAddSingleton<DevTokenIssuer>();
        return services;
    }

    /// <summary>POST /dev/token, GET /dev/.well-known/openid-configuration, GET /dev/jwks.</summary>
    public static RouteGroupBuilder MapDevIssuer(this IEndpointRouteBuilder endpoints)
    {
        var dev = endpoints.MapGroup("/dev").ExcludeFromDescription().AllowAnonymous();
        dev.MapPost("/token", IssueToken);
        dev.MapGet("/.well-known/openid-configuration", Discovery);
        dev.MapGet("/jwks", Jwks);
        return dev;
    }

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueToken(
        DevTokenRequest? request, HttpContext context, DevTokenIssuer issuer, IOptions<DevIssuerOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        if (request is null || string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 200)
        {
            errors["subject"] = ["A subject of 1 to 200 characters is required."];
        }

        var roles = ReadRoles(request?.Role ?? default, out var roleError);
        if (roleError is not null)
        {
            errors["role"] = [roleError];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var token = issuer.CreateToken(IssuerFor(context, options.Value), request!.Subject!, roles);
        return TypedResults.Ok(new DevTokenResponse(token, issuer.LifetimeSeconds));
    }

    private static Ok<Dictionary<string, object>> Discovery(HttpContext context, IOptions<DevIssuerOptions> options)
    {
        var issuer = IssuerFor(context, options.Value);
        return TypedResults.Ok(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + "/jwks",
            ["token_endpoint"] = issuer + "/token",
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["claims_supported"] = new[] { G2BClaims.Subject, G2BClaims.Role },
        });
    }

    private static Ok<object> Jwks(DevSigningKey key) => TypedResults.Ok<object>(new
    {
        keys = new[]
        {
            new { kty = "RSA", use = "sig", alg = "RS256", kid = key.KeyId, n = key.Modulus, e = key.Exponent },
        },
    });

    internal static string IssuerFor(HttpContext context, DevIssuerOptions options) =>
        string.IsNullOrWhiteSpace(options.Issuer)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/dev"
            : options.Issuer.TrimEnd('/');

    // "role" may be one string or an array of strings; only the suite's two roles may be minted.
    private static string[] ReadRoles(JsonElement role, out string? error)
    {
        error = null;
        string?[] roles;
        try
        {
            roles = role.ValueKind switch
            {
                JsonValueKind.String => [role.GetString()],
                JsonValueKind.Array when role.EnumerateArray().All(r => r.ValueKind == JsonValueKind.String) =>
                    role.EnumerateArray().Select(r => r.GetString()).ToArray(),
                _ => [],
            };
        }
        catch (InvalidOperationException)
        {
            // Valid JSON, but not a valid string (a lone UTF-16 surrogate): no role can match it.
            roles = [];
        }

        if (roles.Length == 0)
        {
            error = "A role (string or array of strings) is required.";
            return [];
        }

        var unknown = roles.Where(r => r is null || !DevTokenIssuer.AllowedRoles.Contains(r)).ToArray();
        if (unknown.Length > 0)
        {
            error = $"Unknown role; allowed: {string.Join(", ", DevTokenIssuer.AllowedRoles)}.";
            return [];
        }

        return roles.Distinct().ToArray()!;
    }
}
