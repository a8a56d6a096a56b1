using System.Text.Json;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2B.DevIdentity;

public sealed record DevTokenRequest(string? Subject, JsonElement Role);

public sealed record DevTokenResponse(string AccessToken, int ExpiresIn, string TokenType = "Bearer");

/// <summary><c>POST /dev/token</c> as docs/api-contract.md fixes it: a token for scripts and tests, no browser needed.</summary>
public static class DevTokenApi
{
    public static void MapDevTokenApi(this IEndpointRouteBuilder dev) => dev.MapPost("/token", IssueToken);

    private static Results<Ok<DevTokenResponse>, ProblemHttpResult> IssueToken(DevTokenRequest? request, DevTokenIssuer issuer)
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

        var token = issuer.CreateToken(request!.Subject!, roles);
        return TypedResults.Ok(new DevTokenResponse(token, issuer.LifetimeSeconds));
    }

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
