using System.Buffers;
using System.Globalization;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace G2B.DevIdentity;

/// <summary>
/// Values of an authorization request that OpenIddict passes on unchecked: the <c>code_challenge</c> must be what
/// S256 produces (RFC 7636 4.2: BASE64URL(SHA-256(verifier)), 43 characters of the base64url alphabet) and
/// <c>max_age</c> a non-negative integer of seconds (OpenID Connect Core 3.1.2.1). Either refused is
/// <c>invalid_request</c>.
/// </summary>
/// <remarks>
/// Checked while the request is handled, not while it is validated: OpenIddict sends an error raised during
/// validation to no redirect URI at all (the error passthrough answers problem+json instead), whereas here the
/// client and its redirect URI are verified (<see cref="ClientChecks"/>), so the error goes back to the client
/// with its <c>state</c>, as RFC 6749 4.1.2.1 asks. Before the sign-in page (GET) and before a sign-in (POST) alike.
/// </remarks>
public sealed class AuthorizationValueChecks : IOpenIddictServerHandler<HandleAuthorizationRequestContext>
{
    /// <summary>SHA-256 is 32 bytes: 43 base64url characters, unpadded.</summary>
    public const int S256ChallengeLength = 43;

    private static readonly SearchValues<char> Base64Url =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static void Register(OpenIddictServerBuilder server) =>
        server.AddEventHandler<HandleAuthorizationRequestContext>(handler => handler
            .UseSingletonHandler<AuthorizationValueChecks>()
            // After OpenIddict's own first step, before the request is passed through to the sign-in endpoints.
            .SetOrder(Authentication.AttachPrincipal.Descriptor.Order + 1_000));

    public ValueTask HandleAsync(HandleAuthorizationRequestContext context)
    {
        var request = context.Request!;
        // OpenIddict has already refused a missing challenge and any method but S256 (only S256 is enabled).
        if (request.CodeChallenge is { Length: > 0 } challenge && !IsS256Challenge(challenge))
        {
            context.Reject(Errors.InvalidRequest,
                $"The '{Parameters.CodeChallenge}' must be the {S256ChallengeLength}-character base64url SHA-256 of the verifier (RFC 7636 4.2).");
        }
        // Given twice, the parameter reads as no string at all (RFC 6749 3.1: never more than once): refused too.
        else if (request.GetParameter(Parameters.MaxAge) is { } maxAge && (string?)maxAge is not "" && !IsSeconds((string?)maxAge))
        {
            context.Reject(Errors.InvalidRequest, $"The '{Parameters.MaxAge}' must be a non-negative whole number of seconds.");
        }

        return ValueTask.CompletedTask;
    }

    private static bool IsS256Challenge(string challenge) =>
        challenge.Length == S256ChallengeLength && !challenge.AsSpan().ContainsAnyExcept(Base64Url);

    /// <summary>Digits only: no sign, no spaces, no exponent, and small enough to be a number of seconds at all.</summary>
    private static bool IsSeconds(string? value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
