using System.Globalization;
using G2B.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Portal.Auth;

/// <summary>
/// Sign-in with ASP.NET Core's own OpenID Connect handler (authorization code + PKCE) into an encrypted,
/// HttpOnly, SameSite=Lax cookie. The tokens stay in that cookie on the server's side of the wire: the portal
/// calls the API with them, the browser never sees one.
/// </summary>
internal static class SignInSetup
{
    public const string CookieName = "g2b.portal";

    public static void AddPortalSignIn(this IServiceCollection services)
    {
        services.AddOptions<SignInOptions>().Configure<IConfiguration>((o, c) =>
        {
            var read = SignInOptions.From(c);
            (o.Authority, o.RequireHttpsMetadata, o.ClientId, o.ClientSecret, o.ApiScope) =
                (read.Authority, read.RequireHttpsMetadata, read.ClientId, read.ClientSecret, read.ApiScope);
        });
        services.AddSingleton<TokenRefresher>();

        // The service defaults register the APIs' bearer scheme; here people sign in: cookie, challenged by OIDC.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
                o.DefaultSignOutScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = c => c.HttpContext.RequestServices.GetRequiredService<TokenRefresher>().ValidateAsync(c);
                // A signed-in person without the right role gets the plain-words 403 page, not a redirect.
                o.Events.OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddOpenIdConnect();

        services.AddOptions<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme)
            .Configure<IConfiguration>((o, configuration) => Configure(o, SignInOptions.From(configuration)));
    }

    private static void Configure(OpenIdConnectOptions o, SignInOptions settings)
    {
        o.Authority = settings.Authority;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        // The code comes back on a top-level GET, so the SameSite=Lax correlation cookies travel with it.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.UsePkce = true;
        o.PushedAuthorizationBehavior = PushedAuthorizationBehavior.Disable;
        o.Scope.Clear();
        // The person's identity and roles, a refresh token, and an access token for the API (its audience).
        foreach (var scope in new[] { "openid", "profile", "roles", "offline_access", settings.ApiScope }.OfType<string>())
        {
            o.Scope.Add(scope);
        }

        o.SaveTokens = true;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = G2BClaims.Role;
        o.CallbackPath = "/signin-oidc";
        o.SignedOutCallbackPath = "/signout-callback-oidc";
        o.SignedOutRedirectUri = "/";
        foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
        {
            cookie.SameSite = SameSiteMode.Lax;
            cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        }

        // The identity provider's sign-in page speaks the language the person chose here.
        o.Events.OnRedirectToIdentityProvider = c =>
        {
            c.ProtocolMessage.UiLocales = CultureInfo.CurrentUICulture.Name;
            return Task.CompletedTask;
        };

        // A callback that cannot complete (refused at the provider, a stale or forged state, cookies
        // blocked) is the person's to retry: the home page says so in words, never a 500.
        o.Events.OnRemoteFailure = c =>
        {
            c.HandleResponse();
            c.Response.Redirect("/?signin=failed");
            return Task.CompletedTask;
        };
    }
}
