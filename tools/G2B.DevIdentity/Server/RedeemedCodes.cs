using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace G2B.DevIdentity;

/// <summary>
/// An authorization code is good once (RFC 6749 4.1.2). Without OpenIddict's token store the provider remembers,
/// in memory, the digest of each code it redeemed until the code would have expired anyway. A restart forgets
/// them; codes live five minutes, so that gap is a development trade-off, written down in docs/identity.md.
/// </summary>
public sealed class RedeemedCodes(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new(StringComparer.Ordinal);

    /// <summary>True the first time a code is presented; false for every later presentation.</summary>
    public bool TryRedeem(string code, DateTimeOffset expires)
    {
        var now = clock.GetUtcNow();
        foreach (var (digest, until) in _redeemed)
        {
            if (until < now)
            {
                _redeemed.TryRemove(digest, out _);
            }
        }

        return _redeemed.TryAdd(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code))), expires);
    }

    public static void Register(OpenIddictServerBuilder server) =>
        server.AddEventHandler<ValidateTokenRequestContext>(handler => handler
            // Last: only a request that passed every other check (client, PKCE, redirect URI) uses the code up.
            .UseSingletonHandler<RedeemOnce>()
            .SetOrder(int.MaxValue - 100_000));

    public sealed class RedeemOnce(RedeemedCodes codes, TimeProvider clock) : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            if (context.Request.IsAuthorizationCodeGrantType() && context.Request.Code is { } code)
            {
                var expires = context.AuthorizationCodePrincipal?.GetExpirationDate() ?? clock.GetUtcNow().AddHours(1);
                if (!codes.TryRedeem(code, expires))
                {
                    context.Reject(Errors.InvalidGrant, "The authorization code has already been redeemed.");
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
